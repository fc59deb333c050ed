// @ts-check
// Ready-made worlds, built with the Simulator controls. The names, ids and emails are the ones the AWS
// Organizations documentation examples use; the start time is the RequestedTimestamp of a real captured
// invitation (2026-09-13 03:44:06.110 UTC).

/**
 * @typedef {{Name: string, Email: string, Id: string}} NewAccount
 * @typedef {[string, Record<string, unknown>]} Step  a Simulator control and its request
 * @typedef {{id: string, label: string, description: string, steps: Step[], actAs: string | null,
 *   operation?: string}} Scenario
 */

export const START_TIME = 1789271046.11;

const bill = { Name: 'Bill', Email: 'bill@example.com', Id: '111111111111' };
const susan = { Name: 'Susan', Email: 'susan@example.com', Id: '222222222222' };
const juan = { Name: 'Juan', Email: 'juan@example.com', Id: '333333333333' };
const anika = { Name: 'Anika', Email: 'anika@example.com', Id: '444444444444' };

// Step builders: every world starts from a reset at START_TIME; accounts come with their role.
/** @type {Step[]} */
const START = [['Reset', {}], ['SetTime', { Timestamp: START_TIME }]];
/** @type {(account: NewAccount, orgId: string, featureSet: string) => Step[]} */
const manager = (account, orgId, featureSet) => [
  ['CreateAccount', account],
  ['CreateOrganization', { ManagementAccountId: account.Id, FeatureSet: featureSet, Id: orgId }],
];
/** @type {(account: NewAccount, orgId: string, joinedMethod: string) => Step[]} */
const member = (account, orgId, joinedMethod) => [
  ['CreateAccount', account],
  ['JoinOrganization', { AccountId: account.Id, OrganizationId: orgId, JoinedMethod: joinedMethod }],
];
/** @type {(account: NewAccount) => Step[]} */
const standalone = (account) => [['CreateAccount', account]];

/** @type {Scenario[]} */
export const SCENARIOS = [
  {
    id: 'docs',
    label: 'AWS docs example',
    description: 'Bill (111111111111) manages o-exampleorgid with all features. Susan (222222222222) and Juan (333333333333) are standalone accounts that can be invited.',
    steps: [...START, ...manager(bill, 'o-exampleorgid', 'ALL'), ...standalone(susan), ...standalone(juan)],
    actAs: bill.Id,
  },
  {
    id: 'consolidated',
    label: 'Consolidated billing (all-features migration)',
    description: 'Bill manages o-exampleorgid with CONSOLIDATED_BILLING. Susan joined by invitation, Juan was created by the organization, Anika (444444444444) is standalone. Try EnableAllFeatures as Bill.',
    steps: [
      ...START,
      ...manager(bill, 'o-exampleorgid', 'CONSOLIDATED_BILLING'),
      ...member(susan, 'o-exampleorgid', 'INVITED'),
      ...member(juan, 'o-exampleorgid', 'CREATED'),
      ...standalone(anika),
    ],
    actAs: bill.Id,
    operation: 'EnableAllFeatures',
  },
  {
    id: 'transfer',
    label: 'Two organizations (responsibility transfer)',
    description: 'Bill manages o-exampleorgid, with Susan as a member. Anika (444444444444) manages o-secondorgid, with Juan as a member. Bill can offer to take over the billing of Anika\'s organization.',
    steps: [
      ...START,
      ...manager(bill, 'o-exampleorgid', 'ALL'),
      ...member(susan, 'o-exampleorgid', 'INVITED'),
      ...manager(anika, 'o-secondorgid', 'ALL'),
      ...member(juan, 'o-secondorgid', 'CREATED'),
    ],
    actAs: bill.Id,
    operation: 'InviteOrganizationToTransferResponsibility',
  },
  {
    id: 'empty',
    label: 'Empty world',
    description: 'No accounts at all. Add accounts below, then let one of them call CreateOrganization.',
    steps: [...START],
    actAs: null,
  },
];

export const SCENARIOS_BY_ID = new Map(SCENARIOS.map((sc) => [sc.id, sc]));

/**
 * Run a scenario's steps; run(control, request) sends one Simulator control and returns its answer.
 * A seed other than 0 goes into the Reset step (Simulator.Reset {Seed}): the ids the engine generates follow it.
 * @param {(control: string, request: Record<string, unknown>) => Promise<unknown>} run
 * @param {Scenario} scenario
 * @param {{seed?: number}} [options]
 */
export async function buildScenario(run, scenario, { seed = 0 } = {}) {
  for (const [control, request] of scenario.steps) {
    await run(control, control === 'Reset' && seed ? { ...request, Seed: seed } : request);
  }
}

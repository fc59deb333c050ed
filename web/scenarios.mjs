// Ready-made worlds, built with the Simulator controls. The names, ids and emails are the ones the AWS
// Organizations documentation examples use; the start time is the RequestedTimestamp of a real captured
// invitation (2026-09-13 03:44:06.110 UTC).

export const START_TIME = 1789271046.11;

const bill = { Name: 'Bill', Email: 'bill@example.com', Id: '111111111111' };
const susan = { Name: 'Susan', Email: 'susan@example.com', Id: '222222222222' };
const juan = { Name: 'Juan', Email: 'juan@example.com', Id: '333333333333' };
const anika = { Name: 'Anika', Email: 'anika@example.com', Id: '444444444444' };

export const SCENARIOS = [
  {
    id: 'docs',
    label: 'AWS docs example',
    description: 'Bill (111111111111) manages o-exampleorgid with all features. Susan (222222222222) and Juan (333333333333) are standalone accounts that can be invited.',
    steps: [
      ['Reset', {}],
      ['SetTime', { Timestamp: START_TIME }],
      ['CreateAccount', bill],
      ['CreateOrganization', { ManagementAccountId: bill.Id, FeatureSet: 'ALL', Id: 'o-exampleorgid' }],
      ['CreateAccount', susan],
      ['CreateAccount', juan],
    ],
    actAs: bill.Id,
  },
  {
    id: 'consolidated',
    label: 'Consolidated billing (all-features migration)',
    description: 'Bill manages o-exampleorgid with CONSOLIDATED_BILLING. Susan joined by invitation, Juan was created by the organization, Anika (444444444444) is standalone. Try EnableAllFeatures as Bill.',
    steps: [
      ['Reset', {}],
      ['SetTime', { Timestamp: START_TIME }],
      ['CreateAccount', bill],
      ['CreateOrganization', { ManagementAccountId: bill.Id, FeatureSet: 'CONSOLIDATED_BILLING', Id: 'o-exampleorgid' }],
      ['CreateAccount', susan],
      ['JoinOrganization', { AccountId: susan.Id, OrganizationId: 'o-exampleorgid', JoinedMethod: 'INVITED' }],
      ['CreateAccount', juan],
      ['JoinOrganization', { AccountId: juan.Id, OrganizationId: 'o-exampleorgid', JoinedMethod: 'CREATED' }],
      ['CreateAccount', anika],
    ],
    actAs: bill.Id,
    operation: 'EnableAllFeatures',
  },
  {
    id: 'transfer',
    label: 'Two organizations (responsibility transfer)',
    description: 'Bill manages o-exampleorgid, with Susan as a member. Anika (444444444444) manages o-secondorgid, with Juan as a member. Bill can offer to take over the billing of Anika\'s organization.',
    steps: [
      ['Reset', {}],
      ['SetTime', { Timestamp: START_TIME }],
      ['CreateAccount', bill],
      ['CreateOrganization', { ManagementAccountId: bill.Id, FeatureSet: 'ALL', Id: 'o-exampleorgid' }],
      ['CreateAccount', susan],
      ['JoinOrganization', { AccountId: susan.Id, OrganizationId: 'o-exampleorgid', JoinedMethod: 'INVITED' }],
      ['CreateAccount', anika],
      ['CreateOrganization', { ManagementAccountId: anika.Id, FeatureSet: 'ALL', Id: 'o-secondorgid' }],
      ['CreateAccount', juan],
      ['JoinOrganization', { AccountId: juan.Id, OrganizationId: 'o-secondorgid', JoinedMethod: 'CREATED' }],
    ],
    actAs: bill.Id,
    operation: 'InviteOrganizationToTransferResponsibility',
  },
  {
    id: 'empty',
    label: 'Empty world',
    description: 'No accounts at all. Add accounts below, then let one of them call CreateOrganization.',
    steps: [
      ['Reset', {}],
      ['SetTime', { Timestamp: START_TIME }],
    ],
    actAs: null,
  },
];

export const SCENARIOS_BY_ID = new Map(SCENARIOS.map((sc) => [sc.id, sc]));

/**
 * Run a scenario's steps; run(control, request) sends one Simulator control and returns its answer.
 * A seed other than 0 goes into the Reset step (Simulator.Reset {Seed}): the ids the engine generates follow it.
 */
export async function buildScenario(run, scenario, { seed = 0 } = {}) {
  for (const [control, request] of scenario.steps) {
    await run(control, control === 'Reset' && seed ? { ...request, Seed: seed } : request);
  }
}

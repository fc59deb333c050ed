// @ts-check
// The World panel: the scenario and its seed, the organizations, the accounts ("Act as" buttons), and the
// form that adds an account.

import { $, $input, $select, fill, h } from '../dom.mjs';
import { SCENARIOS } from '../scenarios.mjs';
import { currentCaller, roleText } from '../actions.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  .panel-world
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const scenario = $select('#scenario', root);
  const seed = $input('#seed', root);
  const accountFields = ['#new-name', '#new-email', '#new-id'].map((sel) => $input(sel, root));

  /** The Seed field as a seed: a whole number of zero or more, else 0. */
  const seedField = () => {
    const value = Number(seed.value);
    return Number.isSafeInteger(value) && value >= 0 ? value : 0;
  };
  scenario.replaceChildren(...SCENARIOS.map((sc) => h('option', { value: sc.id }, sc.label)));
  // Both build the scenario again; calls made since can be brought back with the notice's Undo.
  scenario.addEventListener('change', () => actions.resetScenario(scenario.value, { seed: seedField() }));
  $('#reset', root).addEventListener('click', () => actions.resetScenario(scenario.value, { seed: seedField() }));
  $('#add-account-form', root).addEventListener('submit', (e) => {
    e.preventDefault();
    const [name, email, id] = accountFields.map((input) => input.value);
    /** @type {{Name: string, Email: string, Id?: string}} */
    const request = { Name: name, Email: email };
    if (id.trim()) request.Id = id.trim();
    actions.addAccount(request);
  });

  /** @param {PageState} state */
  function renderScenario(state) {
    scenario.disabled = state.readonly;
    if (!state.scenarioKey) return;
    seed.value = String(state.seed);
    scenario.value = state.scenario;
    $('#scenario-description', root).textContent = state.scenarioDescription;
  }

  /** @param {PageState} state */
  function renderOrganizations({ world }) {
    const orgs = world.Organizations || [];
    fill($('#organizations', root), orgs.length ? orgs.map((org) => {
      const mgmt = world.Accounts.find((a) => a.Id === org.ManagementAccountId);
      return h('li', { class: 'org' },
        h('span', { class: 'mono strong' }, org.Id), ' ',
        h('span', { class: `badge feature-${String(org.FeatureSet).toLowerCase()}` }, org.FeatureSet),
        h('span', { class: 'org-detail' }, `Management: ${mgmt ? mgmt.Name : org.ManagementAccountId} · ${(org.MemberAccountIds || []).length} account(s)`),
        org.PendingAllFeaturesHandshakeId ? h('span', { class: 'org-detail' }, `All-features migration pending: ${org.PendingAllFeaturesHandshakeId}`) : null);
    }) : h('li', { class: 'muted' }, 'No organizations.'));
  }

  /** @param {PageState} state */
  function renderAccounts(state) {
    const accounts = state.world.Accounts || [];
    const caller = currentCaller(state);
    fill($('#accounts', root), accounts.length ? accounts.map((a) => h('li', { class: ['account', a.Id === caller && 'account-current'] },
      h('span', { class: 'account-name' }, a.Name),
      h('span', { class: `badge role-${String(a.Role).toLowerCase()}` }, roleText(a)),
      a.Id === caller
        ? h('span', { class: 'acting' }, 'acting')
        : h('button', { type: 'button', class: 'btn small act-button', 'aria-label': `Act as ${a.Name} (${a.Id})`, onclick: () => actions.setCaller(a.Id) }, 'Act as'),
      h('span', { class: 'account-meta mono' }, a.Id),
      h('span', { class: 'account-meta' }, a.Email))) : h('li', { class: 'muted' }, 'No accounts. Add one below.'));
  }

  /** @param {PageState} state */
  function renderAddAccount({ accountError }) {
    $('#add-account-error', root).textContent = accountError;
  }

  store.subscribe((s) => [s.readonly, s.scenarioKey], renderScenario);
  store.subscribe((s) => s.world, renderOrganizations);
  store.subscribe((s) => [s.world, s.caller], renderAccounts);
  store.subscribe((s) => [s.accountError, s.accountFormKey], renderAddAccount);
  store.subscribe((s) => s.accountFormKey, () => { for (const input of accountFields) input.value = ''; });
}

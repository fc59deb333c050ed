// @ts-check
// "Two parties": two consoles side by side (stacked on phones), each acting as one account of the world.
// Each console has its own account picker, its own inbox (that account's ListHandshakesForAccount, with the
// moves it may make on each handshake as buttons), its own request form (composer.mjs) and Send, and its own
// response. What a console shows is what the engine answers that caller (Simulator.DryRun and, for the
// moves, Simulator.DescribeMoves, which change nothing), so Susan's console shows what AWS would show Susan. Sends go through the page's normal path
// (actions.api.request): they land in the event log, the saved session and share links, and every console
// is asked again after every call, whichever console or panel made it.
//
// The layout (on or off) and the two accounts are kept in localStorage (LAYOUT_KEY, checked on read); an
// embed (`?embed=1&layout=two-parties`) takes the layout from its URL and stores nothing.

import { $, fill, h } from '../dom.mjs';
import { OPERATIONS, OPERATIONS_BY_NAME, operationOfTarget, targetOf } from '../operations.mjs';
import { roleText } from '../actions.mjs';
import { readEmbedConfig } from '../embed.mjs';
import { parseJson, track } from '../ui.mjs';
import { allowedMoves } from '../moves.mjs';

/**
 * @typedef {import('../store.mjs').PageState} PageState
 * @typedef {import('../store.mjs').Account} Account
 * @typedef {import('../store.mjs').World} World
 * @typedef {ReturnType<typeof import('../composer.mjs').buildForm>} Form
 * @typedef {{layout: 'two-parties' | 'one', left: string | null, right: string | null}} LayoutRecord
 */

export const LAYOUT_KEY = 'handshake-playground:layout';
const ACCOUNT_ID = /^\d{12}$/;
/** Inbox rows asked about (the newest); their moves cost one engine call per console. */
const INBOX_LIMIT = 12;
const MOVES = [
  ['AcceptHandshake', 'Accept'],
  ['DeclineHandshake', 'Decline'],
  ['CancelHandshake', 'Cancel'],
];

/**
 * What localStorage holds for the layout, checked: a clean record, or null.
 * @param {Storage | null} storage
 * @returns {LayoutRecord | null}
 */
export function readLayout(storage) {
  let text = null;
  try { text = storage ? storage.getItem(LAYOUT_KEY) : null; } catch { return null; }
  if (typeof text !== 'string' || text.length > 200) return null;
  let doc;
  try { doc = JSON.parse(text); } catch { return null; }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  if (doc.layout !== 'two-parties' && doc.layout !== 'one') return null;
  const id = (/** @type {unknown} */ v) => (typeof v === 'string' && ACCOUNT_ID.test(v) ? v : null);
  return { layout: doc.layout, left: id(doc.left), right: id(doc.right) };
}

function localStore() {
  try { return window.localStorage; } catch { return null; }
}

/** @param {Account} account */
function accountLabel(account) {
  return `${account.Name} (${account.Id})`;
}

/** The default pair: the organization's management account on the left, the recipient (Susan) on the right. @param {World} world */
function defaultPair(world) {
  const accounts = world.Accounts || [];
  const org = (world.Organizations || [])[0];
  const left = (org && accounts.find((a) => a.Id === org.ManagementAccountId)) || accounts[0] || null;
  const right = accounts.find((a) => a.Id === '222222222222' && a !== left) || accounts.find((a) => a !== left) || left;
  return { left: left ? left.Id : null, right: right ? right.Id : null };
}

/**
 * @param {HTMLElement} root  #parties
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions, client, buildForm, prettyJson, renderCode }) {
  const { api } = actions;
  const toggle = $('#parties-toggle');
  const grid = $('.consoles', root);
  const config = readEmbedConfig(window.location);
  const storage = config.embed ? null : localStore();
  const saved = readLayout(storage);
  let on = config.layout === 'two-parties' || (!config.layout && saved?.layout === 'two-parties');
  /** Which account each console acts as (null: the default for the world). @type {Record<'left' | 'right', string | null>} */
  const chosen = { left: saved?.left ?? null, right: saved?.right ?? null };

  function save() {
    if (!storage) return;
    try { storage.setItem(LAYOUT_KEY, JSON.stringify({ layout: on ? 'two-parties' : 'one', left: chosen.left, right: chosen.right })); } catch { /* full or disabled */ }
  }

  /**
   * The two consoles, built when the layout is first shown: most visits never open it, and building both
   * (forms, pickers, code blocks) was 7.5 ms of the page's start (median of 5 cold loads, marked copy of web/).
   * @type {ReturnType<typeof createConsole>[]}
   */
  let consoles = [];

  function show() {
    toggle.setAttribute('aria-pressed', String(on));
    root.hidden = !on;
    document.documentElement.dataset.layout = on ? 'two-parties' : 'one';
    if (on) refreshAll();
  }

  toggle.addEventListener('click', () => {
    on = !on;
    save();
    show();
    api.announce(on ? 'Two parties: two consoles side by side, above the panels.' : 'Two parties closed: one request panel.');
    if (on) root.scrollIntoView({ block: 'nearest' });
  });

  // Every call, by any console, panel, lesson or host page, and every clock move: each console asks again.
  store.subscribe((s) => [s.world, s.log], () => { if (on && store.getState().ready) refreshAll(); });
  store.subscribe((s) => s.ready, () => { if (on) refreshAll(); });
  show();

  function refreshAll() {
    if (consoles.length === 0) consoles = /** @type {const} */ (['left', 'right']).map((side) => createConsole(side));
    for (const c of consoles) c.refresh();
  }

  /** @param {'left' | 'right'} side */
  function createConsole(side) {
    const idBase = `party-${side}`;
    const heading = h('h3', { id: `${idBase}-heading`, class: 'console-title' });
    const role = h('p', { class: 'console-role field-hint' });
    const picker = h('select', { id: `${idBase}-account` });
    const orgLine = h('p', { class: 'console-org', id: `${idBase}-org` });
    const inboxStatus = h('p', { class: 'field-hint inbox-status', id: `${idBase}-inbox-status` });
    const inbox = h('ul', { class: 'inbox', 'aria-labelledby': `${idBase}-inbox-heading` });
    const operation = h('select', { id: `${idBase}-operation` });
    const fields = h('div', { class: 'console-fields' });
    const sendLabel = h('span', {});
    const sendButton = h('button', { type: 'submit', class: 'btn primary console-send' }, h('span', { 'aria-hidden': 'true', class: 'send-icon' }, '▶'), sendLabel);
    const status = h('p', { class: 'console-status', id: `${idBase}-status` }, 'Nothing sent from this console yet.');
    const code = h('code', {});
    const pre = h('pre', { class: 'code small console-response', tabindex: '0', 'aria-labelledby': `${idBase}-response-heading`, hidden: true }, code);
    const requestHeading = h('h4', { id: `${idBase}-request-heading` }, 'Request');
    const form = h('form', { class: 'console-form', 'aria-labelledby': `${idBase}-request-heading` },
      h('div', { class: 'field' },
        h('label', { for: `${idBase}-operation` }, 'Operation', h('span', { class: 'sr-only' }, side === 'left' ? ' (left console)' : ' (right console)')),
        operation),
      fields,
      h('div', { class: 'console-send-row' }, sendButton));
    const section = h('section', { class: 'console', dataset: { side }, 'aria-labelledby': `${idBase}-heading` },
      h('div', { class: 'console-head' },
        heading,
        role,
        h('div', { class: 'field inline console-picker' },
          h('label', { for: `${idBase}-account` }, side === 'left' ? 'Left console acts as' : 'Right console acts as'),
          picker)),
      orgLine,
      h('h4', { id: `${idBase}-inbox-heading` }, 'Inbox'),
      inboxStatus,
      inbox,
      requestHeading,
      form,
      h('h4', { id: `${idBase}-response-heading` }, 'Response'),
      status,
      pre);
    grid.append(section);

    for (const op of OPERATIONS) operation.append(h('option', { value: op.name }, op.name));
    operation.value = side === 'left' ? 'InviteAccountToOrganization' : 'ListAccounts';

    /** @type {Form | null} */
    let built = null;
    let builtFor = '';
    let token = 0;
    let sending = false;
    /** The form was typed in since it was built. */
    let touched = false;
    let builtPair = '';
    /** What a fresh form depends on besides the operation: the world's scenario and the two accounts. */
    function pairKey() {
      return `${store.getState().scenarioKey}:${consoles.map((c) => c.caller()).join(',')}`;
    }

    function caller() {
      const world = store.getState().world;
      const id = chosen[side];
      if (id && world.Accounts.some((a) => a.Id === id)) return id;
      return defaultPair(world)[side];
    }
    function account() {
      const id = caller();
      return store.getState().world.Accounts.find((a) => a.Id === id) || null;
    }

    function buildRequest() {
      const op = OPERATIONS_BY_NAME.get(operation.value);
      if (!op) return;
      const world = store.getState().world;
      built = buildForm(fields, op, { world });
      built.refreshPickers(world, null);
      builtFor = op.name;
      builtPair = pairKey();
      touched = false;
      if (op.name === 'InviteAccountToOrganization') {
        // The other console's account, by email: the invitation the pair is about.
        const other = consoles.find((c) => c.side !== side);
        const them = other ? world.Accounts.find((a) => a.Id === other.caller()) : null;
        if (them && them.Id !== caller()) built.setField('Target', { Type: 'EMAIL', Id: them.Email });
      }
      drawSendLabel();
    }

    function drawSendLabel() {
      const a = account();
      fill(sendLabel, `${operation.value}`, h('span', { class: 'console-send-as' }, ` as ${a ? a.Name : 'nobody'}`));
      sendButton.setAttribute('aria-label', `Send ${operation.value} as ${a ? a.Name : 'nobody'}`);
    }

    picker.addEventListener('change', () => {
      chosen[side] = picker.value;
      save();
      refresh();
    });
    operation.addEventListener('change', () => buildRequest());
    fields.addEventListener('input', () => { touched = true; });
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const state = store.getState();
      if (!state.ready || state.readonly || !built) return;
      const target = targetOf(operation.value);
      const body = JSON.stringify(built.readBody());
      const who = caller();
      if (!who || sending) return;
      // One request at a time from a console (a double click sends once).
      sending = true;
      api.request({ caller: who, target, body, by: 'user' }).then((entry) => {
        if (entry) showResponse(entry.seq, operationOfTarget(target), entry.status, entry.response);
      }).finally(() => { sending = false; });
    });

    /**
     * @param {number} seq @param {string} opName @param {number} httpStatus @param {string} body
     */
    function showResponse(seq, opName, httpStatus, body) {
      const a = account();
      const p = parseJson(body) || {};
      const ok = httpStatus === 200;
      fill(status,
        h('span', { class: `badge ${ok ? 'ok' : 'err'}` }, String(httpStatus)), ' ',
        `#${seq} ${opName} as ${a ? a.Name : '?'}`,
        ok ? '' : [': ', h('span', { class: 'mono result-error' }, String(p.__type ?? 'Error'))]);
      status.dataset.status = String(httpStatus);
      pre.hidden = false;
      renderCode(code, prettyJson(body) ?? body, 'json');
    }

    /** A move button on an inbox row: sent through the page's normal path. @param {string} opName @param {string} hsId */
    function move(opName, hsId) {
      const who = caller();
      if (!who || store.getState().readonly) return;
      api.request({ caller: who, target: targetOf(opName), body: JSON.stringify({ HandshakeId: hsId }), by: 'user' }).then((entry) => {
        if (entry) showResponse(entry.seq, opName, entry.status, entry.response);
      });
    }

    function drawHead() {
      const world = store.getState().world;
      const a = account();
      fill(heading, 'Acting as ', a ? h('strong', {}, a.Name) : 'nobody', a ? h('span', { class: 'mono muted' }, ` (${a.Id})`) : '');
      role.textContent = a ? roleText(a) : 'No account in this world.';
      const current = picker.value;
      const ids = world.Accounts.map((x) => x.Id).join(',');
      if (picker.dataset.ids !== ids) {
        picker.replaceChildren(...world.Accounts.map((x) => h('option', { value: x.Id }, accountLabel(x))));
        picker.dataset.ids = ids;
      }
      picker.value = caller() || current;
    }

    /** Ask the engine what this account sees now: its organization, its inbox and the moves there. */
    function refresh() {
      drawHead();
      const state = store.getState();
      // A read-only embed changes nothing: no request form (the inboxes still show what each account sees).
      form.hidden = state.readonly;
      requestHeading.hidden = state.readonly;
      // Built again for a new world or pair, unless the learner has typed in it (then only its pickers follow).
      if (!built || builtFor !== operation.value || (!touched && builtPair !== pairKey())) buildRequest();
      else { built.refreshPickers(state.world, null); drawSendLabel(); }
      const who = caller();
      const mine = ++token;
      if (!who || !state.ready) {
        fill(inbox);
        inboxStatus.textContent = 'The engine is starting.';
        return;
      }
      track(look(who, mine));
    }

    /** @param {string} who @param {number} mine */
    async function look(who, mine) {
      const org = await api.dryRun(who, targetOf('DescribeOrganization'), '{}');
      const list = await api.dryRun(who, targetOf('ListHandshakesForAccount'), '{}');
      const parsedList = parseJson(list.body) || {};
      /** @type {any[]} */
      let handshakes = list.status === 200 && Array.isArray(parsedList.Handshakes) ? parsedList.Handshakes : [];
      // A management account sees what its organization sent with ListHandshakesForOrganization (AWS lists
      // them there, not in ListHandshakesForAccount): both are its inbox.
      const orgParsed = parseJson(org.body) || {};
      let sent = 0;
      if (org.status === 200 && orgParsed.Organization && (orgParsed.Organization.MasterAccountId ?? orgParsed.Organization.ManagementAccountId) === who) {
        const byOrg = await api.dryRun(who, targetOf('ListHandshakesForOrganization'), '{}');
        const parsedOrg = parseJson(byOrg.body) || {};
        if (byOrg.status === 200 && Array.isArray(parsedOrg.Handshakes)) {
          const seen = new Set(handshakes.map((hs) => hs.Id));
          const more = parsedOrg.Handshakes.filter((/** @type {any} */ hs) => !seen.has(hs.Id));
          sent = parsedOrg.Handshakes.length;
          handshakes = [...handshakes, ...more];
        }
      }
      handshakes = handshakes.slice(-INBOX_LIMIT);
      parsedList.sent = sent;
      // The moves of the live ones, in one engine call (Simulator.DescribeMoves).
      const live = handshakes.filter((hs) => hs.State === 'OPEN' || hs.State === 'REQUESTED').map((hs) => String(hs.Id));
      const allowed = await allowedMoves(client, who, live);
      if (mine !== token) return;
      drawOrg(org.status, org.body);
      drawInbox(list.status, parsedList, handshakes, allowed);
    }

    /** @param {number} httpStatus @param {string} body */
    function drawOrg(httpStatus, body) {
      const p = parseJson(body) || {};
      if (httpStatus === 200 && p.Organization) {
        fill(orgLine, 'DescribeOrganization: ', h('span', { class: 'mono' }, String(p.Organization.Id)),
          `, management account ${p.Organization.MasterAccountId ?? p.Organization.ManagementAccountId ?? '?'}`);
      } else {
        fill(orgLine, 'DescribeOrganization answers ', h('span', { class: 'mono result-error' }, String(p.__type ?? httpStatus)),
          ': this account sees no organization.');
      }
    }

    /**
     * @param {number} httpStatus @param {any} parsed @param {any[]} handshakes @param {Map<string, string[]>} allowed
     */
    function drawInbox(httpStatus, parsed, handshakes, allowed) {
      if (httpStatus !== 200) {
        inboxStatus.textContent = `ListHandshakesForAccount answers ${httpStatus} ${parsed.__type ?? ''}.`;
        fill(inbox);
        return;
      }
      const count = (/** @type {number} */ n) => `${n} handshake${n === 1 ? '' : 's'}`;
      const own = Array.isArray(parsed.Handshakes) ? parsed.Handshakes.length : 0;
      inboxStatus.textContent = `ListHandshakesForAccount: ${own ? count(own) : 'none'}${parsed.sent ? `; ListHandshakesForOrganization (sent by its organization): ${count(parsed.sent)}` : ''}.`;
      const readonly = store.getState().readonly;
      fill(inbox, [...handshakes].reverse().map((hs) => {
        const moves = allowed.get(hs.Id) || [];
        const parties = Array.isArray(hs.Parties) ? hs.Parties.map((/** @type {any} */ p) => `${p.Type} ${p.Id}`).join(' · ') : '';
        return h('li', { class: 'inbox-item', dataset: { handshakeId: String(hs.Id), state: String(hs.State) } },
          h('div', { class: 'inbox-line' },
            h('span', { class: 'mono inbox-id' }, String(hs.Id)), ' ',
            h('span', { class: 'muted' }, String(hs.Action)), ' ',
            h('span', { class: `badge state-${String(hs.State).toLowerCase()}` }, String(hs.State))),
          parties ? h('p', { class: 'inbox-parties field-hint' }, parties) : null,
          moves.length && !readonly
            ? h('div', { class: 'inbox-moves' }, moves.map((opName) => {
              const word = (MOVES.find(([n]) => n === opName) || ['', opName])[1];
              return h('button', { type: 'button', class: 'btn small', 'aria-label': `${word} ${hs.Id}`, onclick: () => move(opName, String(hs.Id)) }, word);
            }))
            : null);
      }));
    }

    return { side, refresh, caller };
  }
}

// Handshake Playground: wires the engine (in a worker) to the page.

import { $, fill, h } from './dom.mjs';
import { engine } from './engine-boot.mjs';
import { OPERATIONS, OPERATIONS_BY_NAME, TARGET_PREFIX, operationOfTarget, targetOf } from './operations.mjs';
import { buildForm } from './composer.mjs';
import { SNIPPET_KINDS, snippets } from './codegen.mjs';
import { commentText, pythonView } from './python-view.mjs';
import { prettyJson, renderCode } from './highlight.mjs';
import { movesFrom, renderDiagram } from './diagram.mjs';
import { analyseMoves, relation } from './moves.mjs';
import { SCENARIOS, SCENARIOS_BY_ID, buildScenario } from './scenarios.mjs';
import { formatDuration, formatTime as formatTimeText, isoTime as isoTimeText } from './format.mjs';
import { digest, isValidClock } from './session.mjs';
import { initShare } from './share.mjs';
import { initLessons } from './lessons.mjs';
import { initEmbed, readEmbedConfig } from './embed.mjs';

const OTHER_CALLER = '__other__';
const STATUS_TEXT = { 200: 'OK', 400: 'Bad Request', 413: 'Payload Too Large', 500: 'Internal Server Error' };

const state = {
  client: null,
  lifecycles: new Map(),
  world: { Now: 0, Accounts: [], Organizations: [], Handshakes: [], ResponsibilityTransfers: [] },
  caller: '',
  operation: 'InviteAccountToOrganization',
  mode: 'form',
  rawDirty: false,
  form: null,
  selected: null,
  lifecycleAction: 'INVITE',
  just: null,
  log: [],
  seq: 0,
  shown: null,
  view: 'wire',
  snippet: 'boto3',
  scenario: 'docs',
  seed: 0,
  sessionStart: 0,
  readonly: false,
  sending: false,
  movesToken: 0,
  dryToken: 0,
  available: new Set(),
};

// ---- small helpers -------------------------------------------------------------------------------

// Times from the engine are shown only when they are dates the page can show (never "NaN", never a
// RangeError from toISOString): anything else reads "(time out of range)".
function formatTime(seconds, options) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return formatTimeText(seconds, options);
  return isValidClock(seconds) ? formatTimeText(seconds, options) : '(time out of range)';
}
function isoTime(seconds) {
  return isValidClock(seconds) ? isoTimeText(seconds) : '';
}

// Work in flight (engine calls, renders that wait for the engine). <html data-pending> shows the count so
// that tests and the page benchmark can tell when the page has settled.
let pending = 0;
function setPending(delta) {
  pending += delta;
  document.documentElement.dataset.pending = String(pending);
}
async function track(promise) {
  setPending(1);
  try { return await promise; } finally { setPending(-1); }
}

// Everything that changes the world runs one at a time, in the order asked (user, host page, lesson).
let chain = Promise.resolve();
function serial(fn) {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

// Page events for the share, lesson and embed modules:
//   'call'   {entry, by}                 one request sent and logged (not the scenario's own steps)
//   'change' {reason, by, changes, entry?}  the world was refreshed after a call, a clock move, a scenario...
//   'caller' {caller}                     "Act as" changed
// by: 'user' (this page's controls), 'host' (the embedding page), 'lesson', 'link' (a replayed session).
const listeners = new Map();
function on(type, fn) {
  if (!listeners.has(type)) listeners.set(type, new Set());
  listeners.get(type).add(fn);
}
function emit(type, detail) {
  for (const fn of listeners.get(type) || []) {
    try { fn(detail); } catch (err) { showFatal(`A page module failed: ${err.message}`); }
  }
}

// Live region: emptied first, then filled a moment later, so that a repeated message is announced again.
let announceTimer = 0;
function announce(text) {
  const region = $('#announcer');
  region.textContent = '';
  if (announceTimer) { clearTimeout(announceTimer); setPending(-1); }
  setPending(1);
  announceTimer = setTimeout(() => {
    announceTimer = 0;
    region.textContent = text;
    setPending(-1);
  }, 60);
}

function parseJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

function accountById(id) {
  return state.world.Accounts.find((a) => a.Id === id) || null;
}

function callerLabel(id) {
  if (id === null) return 'Simulator';
  const account = accountById(id);
  return account ? `${account.Name} (${account.Id})` : id || '(none)';
}

function callerCell(id) {
  const account = accountById(id);
  if (!account) return id || '(none)';
  return [h('span', { class: 'caller-name' }, account.Name), h('span', { class: 'caller-id mono' }, account.Id)];
}

function roleText(account) {
  if (account.Role === 'MANAGEMENT') return `management account, ${account.OrganizationId}`;
  if (account.Role === 'MEMBER') return `member, ${account.OrganizationId}`;
  if (account.Role === 'STANDALONE') return 'standalone';
  return String(account.Role || '').toLowerCase();
}

function selectedHandshake() {
  return state.world.Handshakes.find((hs) => hs.Id === state.selected) || null;
}

function currentTarget() {
  return state.mode === 'raw' ? $('#raw-target').value : targetOf(state.operation);
}

function currentBody() {
  return state.mode === 'raw' ? $('#raw-body').value : JSON.stringify(state.form.readBody());
}

function currentCaller() {
  if (state.caller === OTHER_CALLER) return $('#act-as-other').value.trim();
  return state.caller;
}

async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`${what} copied to the clipboard.`);
  } catch {
    announce(`Could not use the clipboard; select the ${what.toLowerCase()} and copy it.`);
  }
}

// ---- engine calls and the event log ----------------------------------------------------------------

/** Send one request and record it in the event log. caller null marks a Simulator control. */
async function record(caller, target, body, by = 'user') {
  const now = state.world.Now;
  const response = await state.client.call(caller ?? '', target, body);
  const entry = {
    seq: ++state.seq, now, caller, target, body, by,
    status: response.status, response: response.body, parsed: parseJson(response.body),
  };
  entry.provenance = await provenanceOf(entry);
  state.log.push(entry);
  if (entry.parsed && typeof entry.parsed.Now === 'number') state.world.Now = entry.parsed.Now;
  if (by !== 'scenario') emit('call', { entry, by });
  return entry;
}

async function simulator(control, request, by = 'scenario') {
  const entry = await record(null, `Simulator.${control}`, JSON.stringify(request), by);
  if (entry.status !== 200) {
    const p = entry.parsed || {};
    throw new Error(`Simulator.${control} answered ${entry.status} ${p.__type || ''}: ${p.Message || entry.response}`);
  }
  return entry;
}

async function refreshWorld() {
  const before = new Map(state.world.Handshakes.map((hs) => [hs.Id, hs.State]));
  state.world = await state.client.control('DescribeWorld', {});
  const changes = [];
  const seen = new Set();
  for (const hs of state.world.Handshakes) {
    seen.add(hs.Id);
    const old = before.get(hs.Id);
    if (old === undefined) changes.push(`New ${hs.Action} handshake ${hs.Id}, state ${hs.State}.`);
    else if (old !== hs.State) {
      changes.push(`Handshake ${hs.Id} (${hs.Action}) changed from ${old} to ${hs.State}.`);
      if (hs.Id === state.selected) state.just = { from: old, to: hs.State };
    }
  }
  for (const id of before.keys()) if (!seen.has(id)) changes.push(`Handshake ${id} is gone (retention ended).`);
  if (state.selected && !seen.has(state.selected)) state.selected = null;
  return changes;
}

// ---- rendering: world ------------------------------------------------------------------------------

function renderClock() {
  const el = $('#clock-now');
  el.textContent = formatTime(state.world.Now);
  el.setAttribute('datetime', isoTime(state.world.Now || 0));
}

function renderOrganizations() {
  const orgs = state.world.Organizations || [];
  fill($('#organizations'), orgs.length ? orgs.map((org) => {
    const mgmt = accountById(org.ManagementAccountId);
    return h('li', { class: 'org' },
      h('span', { class: 'mono strong' }, org.Id), ' ',
      h('span', { class: `badge feature-${String(org.FeatureSet).toLowerCase()}` }, org.FeatureSet),
      h('span', { class: 'org-detail' }, `Management: ${mgmt ? mgmt.Name : org.ManagementAccountId} · ${(org.MemberAccountIds || []).length} account(s)`),
      org.PendingAllFeaturesHandshakeId ? h('span', { class: 'org-detail' }, `All-features migration pending: ${org.PendingAllFeaturesHandshakeId}`) : null);
  }) : h('li', { class: 'muted' }, 'No organizations.'));
}

function renderAccounts() {
  const accounts = state.world.Accounts || [];
  const caller = currentCaller();
  fill($('#accounts'), accounts.length ? accounts.map((a) => h('li', { class: ['account', a.Id === caller && 'account-current'] },
    h('span', { class: 'account-name' }, a.Name),
    h('span', { class: `badge role-${String(a.Role).toLowerCase()}` }, roleText(a)),
    a.Id === caller
      ? h('span', { class: 'acting' }, 'acting')
      : h('button', { type: 'button', class: 'btn small act-button', 'aria-label': `Act as ${a.Name} (${a.Id})`, onclick: () => setCaller(a.Id) }, 'Act as'),
    h('span', { class: 'account-meta mono' }, a.Id),
    h('span', { class: 'account-meta' }, a.Email))) : h('li', { class: 'muted' }, 'No accounts. Add one below.'));
}

function renderActAs() {
  const select = $('#act-as');
  const accounts = state.world.Accounts || [];
  const keep = state.caller;
  select.replaceChildren(
    ...accounts.map((a) => h('option', { value: a.Id }, `${a.Name} — ${a.Id} — ${roleText(a)}`)),
    h('option', { value: OTHER_CALLER }, 'Another account id…'),
  );
  const keepOther = keep === OTHER_CALLER && $('#act-as-other').value.trim() !== '';
  if (keep && keep !== OTHER_CALLER && [...select.options].some((o) => o.value === keep)) select.value = keep;
  else if (keepOther) select.value = OTHER_CALLER;
  else select.value = accounts.length ? accounts[0].Id : OTHER_CALLER;
  state.caller = select.value;
  syncCallerOther();
}

function setCaller(id) {
  const changed = state.caller !== id;
  state.caller = id;
  state.just = null;
  $('#act-as').value = id;
  syncCallerOther();
  renderAccounts();
  onComposerChange();
  renderMoves();
  const account = accountById(state.caller);
  if (account) announce(`Acting as ${account.Name} (${account.Id}), ${roleText(account)}.`);
  if (changed) emit('caller', { caller: currentCaller() });
}

function syncCallerOther() {
  const other = state.caller === OTHER_CALLER;
  $('#act-as-other').hidden = !other;
  $('#act-as-other-label').hidden = !other;
}

function partiesText(hs) {
  return (hs.Parties || []).map((p) => `${p.Id} (${p.Type})`);
}

function renderHandshakes() {
  const tbody = $('#handshakes-table tbody');
  const list = [...state.world.Handshakes].sort((a, b) => (b.RequestedTimestamp || 0) - (a.RequestedTimestamp || 0));
  $('#handshakes-empty').hidden = list.length > 0;
  $('#handshakes-table').hidden = list.length === 0;
  fill(tbody, list.map((hs) => {
    const live = hs.State === 'OPEN' || hs.State === 'REQUESTED';
    const left = (hs.ExpirationTimestamp || 0) - state.world.Now;
    const selected = hs.Id === state.selected;
    return h('tr', { class: selected ? 'selected' : null, dataset: { handshakeId: hs.Id, state: hs.State } },
      h('td', null, h('button', {
        type: 'button', class: 'link mono', 'aria-pressed': selected ? 'true' : 'false',
        onclick: () => selectHandshake(hs.Id, { focusDiagram: false }),
      }, hs.Id)),
      h('td', null, hs.Action),
      h('td', null, h('span', { class: `badge state-${String(hs.State).toLowerCase()}` }, hs.State)),
      h('td', { class: 'parties' }, partiesText(hs).map((t) => h('span', { class: 'party' }, t))),
      h('td', { class: 'nowrap' }, formatTime(hs.RequestedTimestamp, { ms: false })),
      h('td', { class: 'nowrap' }, live ? formatDuration(left) : hs.State === 'EXPIRED' ? 'expired' : '—'));
  }));
}

// ---- rendering: composer -------------------------------------------------------------------------

function renderOperationSelect() {
  const select = $('#operation');
  const groups = new Map();
  for (const op of OPERATIONS) {
    if (!groups.has(op.group)) groups.set(op.group, h('optgroup', { label: op.group }));
    groups.get(op.group).append(h('option', { value: op.name }, op.name));
  }
  select.replaceChildren(...groups.values());
  select.value = state.operation;
}

function setOperation(name, { keepRaw = false } = {}) {
  const op = OPERATIONS_BY_NAME.get(name);
  if (!op) return;
  state.operation = name;
  $('#operation').value = name;
  fill($('#operation-summary'), op.summary, ' ', h('span', { class: 'caller-hint' }, `Caller: ${op.caller}.`));
  state.form = buildForm($('#form-fields'), op, { world: state.world });
  state.form.refreshPickers(state.world, state.selected);
  if (state.selected) state.form.setHandshakeId(state.selected);
  $('#raw-target').value = targetOf(name);
  if (!keepRaw && !state.rawDirty) $('#raw-body').value = prettyJson(JSON.stringify(state.form.readBody())) || '{}';
  onComposerChange();
}

function updateSendLabel() {
  const name = state.mode === 'raw' ? operationOfTarget($('#raw-target').value) || 'Send' : state.operation;
  $('#send-label').textContent = name;
}

let dryTimer = 0;
function onComposerChange() {
  updateSendLabel();
  if (state.mode === 'form') {
    const body = JSON.stringify(state.form.readBody());
    renderCode($('#body-preview'), prettyJson(body) || body, 'json');
  }
  if (!state.shown) renderSnippet();
  if (dryTimer) { clearTimeout(dryTimer); setPending(-1); }
  setPending(1);
  dryTimer = setTimeout(() => {
    dryTimer = 0;
    track(runDryPreview()).finally(() => setPending(-1));
  }, 120);
}

async function runDryPreview() {
  const token = ++state.dryToken;
  const target = currentTarget();
  const el = $('#dry-run');
  if (target.startsWith('Simulator.')) {
    fill(el, 'No preview for Simulator controls.');
    return;
  }
  try {
    const dry = await state.client.control('DryRun', { Caller: currentCaller(), Target: target, Body: currentBody() });
    if (token !== state.dryToken) return;
    const body = typeof dry.Body === 'string' ? parseJson(dry.Body) || {} : dry.Body || {};
    const ok = Number(dry.Status) === 200;
    fill(el,
      h('span', { class: 'dry-label' }, 'Would return '),
      h('span', { class: `badge ${ok ? 'ok' : 'err'}` }, String(dry.Status)),
      ok ? ` ${describeSuccess(body)}` : ` ${body.__type || ''}${body.Reason ? ` (${body.Reason})` : ''}`);
    el.title = ok ? '' : body.Message || '';
  } catch (err) {
    if (token === state.dryToken) fill(el, `Preview unavailable: ${err.message}`);
  }
}

function describeSuccess(body) {
  if (body && body.Handshake) return `· handshake ${body.Handshake.State}`;
  if (body && Array.isArray(body.Handshakes)) return `· ${body.Handshakes.length} handshake(s)`;
  if (body && Array.isArray(body.Accounts)) return `· ${body.Accounts.length} account(s)`;
  return '';
}

function setMode(mode) {
  if (mode === state.mode) return;
  if (mode === 'raw' && !state.rawDirty) {
    $('#raw-target').value = targetOf(state.operation);
    $('#raw-body').value = prettyJson(JSON.stringify(state.form.readBody())) || '{}';
  }
  state.mode = mode;
  const raw = mode === 'raw';
  $('#tab-form').setAttribute('aria-selected', String(!raw));
  $('#tab-raw').setAttribute('aria-selected', String(raw));
  $('#tab-form').tabIndex = raw ? -1 : 0;
  $('#tab-raw').tabIndex = raw ? 0 : -1;
  $('#panel-form').hidden = raw;
  $('#panel-raw').hidden = !raw;
  onComposerChange();
}

// ---- rendering: moves, diagram ------------------------------------------------------------------

function renderMoves() {
  return track(renderMovesNow());
}

async function renderMovesNow() {
  const token = ++state.movesToken;
  const hs = selectedHandshake();
  const list = $('#moves-list');
  const who = $('#moves-who');
  if (!hs) {
    state.available = new Set();
    fill(who, 'Select a handshake in the Handshakes table to see what the current caller may do with it.');
    list.replaceChildren();
    renderDiagramPanel();
    return;
  }
  const caller = currentCaller();
  const account = accountById(caller);
  const lifecycle = state.lifecycles.get(hs.Action);
  const rel = relation(hs, account, state.world, lifecycle);
  let results;
  try {
    results = await analyseMoves(state.client, caller, hs, lifecycle);
  } catch (err) {
    if (token === state.movesToken) fill(who, `Could not check the moves: ${err.message}`);
    return;
  }
  if (token !== state.movesToken) return;
  state.available = new Set(results.filter((r) => r.ok && r.to && r.to !== hs.State).map((r) => `${hs.State}>${r.to}`));
  fill(who, h('span', { class: 'mono' }, hs.Id), ` · ${hs.Action} · ${hs.State} · acting as ${callerLabel(caller)}. ${rel.text}`);
  fill(list, results.map((r) => {
    const why = r.ok
      ? [`${hs.State} → ${r.to}`, r.row ? `, as ${r.row.Role}` : '']
      : [h('span', { class: 'mono' }, r.errorType), r.reason ? ` (${r.reason})` : '', r.message ? `: ${r.message}` : ''];
    return h('li', { class: ['move', r.ok ? 'move-ok' : 'move-err'], dataset: { operation: r.operation, ok: String(r.ok) } },
      h('span', { class: 'move-icon', 'aria-hidden': 'true' }, r.ok ? '✓' : '✕'),
      h('div', { class: 'move-text' },
        h('span', { class: 'move-head' }, h('span', { class: 'move-op' }, r.operation), ' ',
          h('span', { class: `badge ${r.ok ? 'ok' : 'err'}` }, r.ok ? 'allowed' : 'refused')),
        h('span', { class: 'move-why' }, why)),
      h('button', {
        type: 'button', class: 'btn small', 'aria-label': `Compose ${r.operation} for ${hs.Id}`,
        onclick: () => composeMove(r.operation, hs.Id),
      }, 'Compose'));
  }));
  renderDiagramPanel();
}

function composeMove(operation, handshakeId) {
  setMode('form');
  setOperation(operation);
  state.form.setHandshakeId(handshakeId);
  onComposerChange();
  $('#send').focus();
}

function renderLifecycleSelect() {
  const select = $('#lifecycle-action');
  select.replaceChildren(...[...state.lifecycles.keys()].map((action) => h('option', { value: action }, action)));
  select.value = state.lifecycleAction;
}

function renderDiagramPanel() {
  const hs = selectedHandshake();
  if (hs && state.lifecycles.has(hs.Action)) state.lifecycleAction = hs.Action;
  const lifecycle = state.lifecycles.get(state.lifecycleAction);
  $('#lifecycle-action').value = state.lifecycleAction;
  const wrap = $('#diagram');
  if (!lifecycle) { fill(wrap, h('p', { class: 'muted' }, state.lifecycles.size ? 'No lifecycle available.' : 'Loading the lifecycle table…')); return; }
  const current = hs && hs.Action === lifecycle.Action ? hs.State : null;
  const svg = renderDiagram(lifecycle, { current, just: current ? state.just : null, available: current ? state.available : new Set() });
  fill(wrap, svg);
  fill($('#diagram-caption'), hs && current
    ? [`Handshake `, h('span', { class: 'mono' }, hs.Id), ` is `, h('strong', { class: 'diagram-state' }, current), state.just ? ` (just moved from ${state.just.from})` : '', '.']
    : `The ${lifecycle.Action} lifecycle as the engine runs it. Select a handshake to see where it stands.`);
  const from = current || lifecycle.Initial;
  $('#moves-from-heading').textContent = `Moves from ${from}`;
  const rel = hs && current ? relation(hs, accountById(currentCaller()), state.world, lifecycle) : { roles: [] };
  fill($('#moves-from tbody'), movesFrom(lifecycle, from).map((t) => h('tr', { class: rel.roles.includes(t.Role) ? 'mine' : null },
    h('td', { class: 'mono' }, t.Operation),
    h('td', null, t.Role),
    h('td', null, t.To
      ? [h('span', { class: 'badge ok' }, `→ ${t.To}`), t.Note ? ` ${t.Note}` : '']
      : [h('span', { class: 'badge err' }, t.Error), t.Note ? ` ${t.Note}` : '']))));
}

function selectHandshake(id, { focusDiagram = false } = {}) {
  if (state.selected !== id) state.just = null;
  state.selected = id;
  if (state.form) {
    state.form.setHandshakeId(id);
    onComposerChange();
  }
  renderHandshakes();
  renderMoves();
  if (focusDiagram) $('#diagram').focus();
}

// ---- rendering: response, snippets, log --------------------------------------------------------

const TRUST_LABELS = { SEEN_IN_AWS: 'Seen in real AWS', DOCUMENTED: 'Documented', SIMULATOR_CHOICE: "Simulator's choice" };

/** Beside the response: where this answer comes from (a badge), the rule and its source on demand. */
function renderProvenance(provenance) {
  const box = $('#response-provenance');
  const label = provenance && TRUST_LABELS[provenance.Provenance];
  if (!label) { box.hidden = true; box.replaceChildren(); return; }
  box.hidden = false;
  fill(box,
    h('span', { class: `badge trust-${provenance.Provenance.toLowerCase().replace(/_/g, '-')}` }, label),
    h('details', null,
      h('summary', null, 'Source'),
      h('p', { class: 'source' }, h('span', { class: 'mono' }, String(provenance.Rule)), ': ', String(provenance.Source))));
}

function renderResponse() {
  const entry = state.shown;
  const status = $('#response-status');
  const callout = $('#error-callout');
  if (!entry) return;
  $('#response').dataset.seq = String(entry.seq);
  $('#response').dataset.empty = 'false';
  const operation = operationOfTarget(entry.target);
  fill($('#response-meta'),
    h('span', { class: 'strong' }, `#${entry.seq} ${operation}`),
    entry.caller === null ? ' (a simulator control)' : ` as ${callerLabel(entry.caller)}`,
    entry.now ? ` at ${formatTime(entry.now)}` : '');
  status.hidden = false;
  fill(status,
    h('span', { class: `badge big ${entry.status === 200 ? 'ok' : 'err'}` }, `HTTP ${entry.status} ${STATUS_TEXT[entry.status] || ''}`.trim()),
    entry.parsed && entry.parsed.Handshake ? h('span', { class: `badge state-${String(entry.parsed.Handshake.State).toLowerCase()}` }, entry.parsed.Handshake.State) : null,
    entry.response === '' ? h('span', { class: 'badge' }, 'empty body') : null);
  renderProvenance(entry.provenance);
  const p = entry.parsed;
  if (entry.status !== 200 && p && typeof p === 'object') {
    callout.hidden = false;
    fill(callout,
      h('p', { class: 'error-type' }, String(p.__type ?? 'Error')),
      h('dl', null,
        p.Reason !== undefined ? [h('dt', null, 'Reason'), h('dd', { class: 'mono error-reason' }, String(p.Reason))] : null,
        h('dt', null, 'Message'), h('dd', { class: 'error-message' }, String(p.Message ?? p.message ?? ''))));
  } else {
    callout.hidden = true;
    callout.replaceChildren();
  }
  const code = $('#response-body');
  if (state.view === 'python') renderCode(code, pythonView(operation, entry.status, entry.response), 'python');
  else renderCode(code, prettyJson(entry.response) ?? entry.response, 'json');
  // The target is shown with line breaks and invisible characters escaped: a hostile one cannot add fake lines.
  const echo = `POST /\nX-Amz-Target: ${commentText(entry.target)}\nContent-Type: application/x-amz-json-1.1\n\n${prettyJson(entry.body) ?? entry.body}`;
  renderCode($('#request-echo'), echo, 'http');
  renderSnippet();
}

function renderSnippetTabs() {
  const tabs = $('#snippet-tabs');
  fill(tabs, SNIPPET_KINDS.map((kind) => h('button', {
    type: 'button', role: 'tab', id: `snippet-tab-${kind.id}`, 'aria-controls': 'snippet-panel',
    'aria-selected': String(kind.id === state.snippet), tabindex: kind.id === state.snippet ? '0' : '-1',
    onclick: () => { state.snippet = kind.id; renderSnippetTabs(); renderSnippet(); },
  }, kind.label)));
  $('#snippet-panel').setAttribute('aria-labelledby', `snippet-tab-${state.snippet}`);
}

function renderSnippet() {
  const entry = state.shown;
  const kind = SNIPPET_KINDS.find((k) => k.id === state.snippet);
  const code = $('#snippet-code');
  const target = entry ? entry.target : currentTarget();
  const body = entry ? entry.body : currentBody();
  const all = snippets(target, body, entry ? entry.now : state.world.Now);
  renderCode(code, all[kind.id], kind.language);
  $('#snippet-pre').setAttribute('aria-label', `${kind.label} code`);
}

function renderLog() {
  const tbody = $('#log-table tbody');
  fill(tbody, [...state.log].reverse().map((entry) => {
    const p = entry.parsed || {};
    const isAws = entry.target.startsWith(`${TARGET_PREFIX}.`);
    const operation = isAws ? operationOfTarget(entry.target) : entry.target;
    const shown = state.shown === entry;
    return h('tr', { class: [shown && 'selected', entry.caller === null && 'sim-row'], dataset: { seq: String(entry.seq) } },
      h('td', null, h('button', {
        type: 'button', class: 'link', 'aria-label': `Show #${entry.seq} ${operation}`, 'aria-pressed': shown ? 'true' : 'false',
        onclick: () => { state.shown = entry; renderResponse(); renderLog(); $('#response').scrollIntoView({ block: 'nearest' }); },
      }, `#${entry.seq}`)),
      h('td', { class: 'nowrap mono time-cell' }, entry.now ? [
        h('span', { class: 'time-date' }, formatTime(entry.now, { ms: false, zone: false }).slice(0, 10)),
        h('span', { class: 'time-clock' }, formatTime(entry.now, { ms: false, zone: false }).slice(11)),
      ] : '—'),
      h('td', null, entry.caller === null ? h('span', { class: 'muted' }, 'simulator') : callerCell(entry.caller)),
      h('td', { class: 'mono op-cell' }, isAws ? operation : [h('span', { class: 'op-prefix' }, 'Simulator.'), operation.replace(/^Simulator\./, '')]),
      h('td', { class: 'status-cell' }, h('span', { class: `badge ${entry.status === 200 ? 'ok' : 'err'}` }, String(entry.status)),
        entry.status !== 200 && p.__type ? h('span', { class: 'status-type mono' }, String(p.__type)) : ''));
  }));
}

function renderAll() {
  renderClock();
  renderOrganizations();
  renderAccounts();
  renderActAs();
  renderHandshakes();
  if (state.form) {
    state.form.refreshPickers(state.world, state.selected);
    onComposerChange();
  }
  renderLog();
  renderMoves();
}

// ---- actions ------------------------------------------------------------------------------------

function send() {
  if (state.readonly || state.sending) return undefined;
  state.sending = true;
  $('#send').setAttribute('aria-disabled', 'true');
  const request = { caller: currentCaller(), target: currentTarget(), body: currentBody(), by: 'user' };
  return track(serial(() => performRequest(request))).finally(() => {
    state.sending = false;
    $('#send').removeAttribute('aria-disabled');
  });
}

/** Send one request as the page's own send button does: logged, world refreshed, shown, announced. */
function request({ caller, target, body, by }) {
  return track(serial(() => performRequest({ caller, target, body, by })));
}

async function performRequest({ caller, target, body, by }) {
  try {
    // A snapshot replaces the world: keep the current one until the engine's answer is known to be sound.
    const previous = target === 'Simulator.ImportWorld' ? await exportForRollback() : null;
    const entry = await record(caller, target, body, by);
    if (previous && entry.status === 200 && !(await keepImportedWorld(previous, entry))) return null;
    // A response that carries a handshake selects it (diagram, moves, pickers follow).
    const hs = entry.parsed && entry.parsed.Handshake;
    const before = state.selected;
    if (entry.status === 200 && hs && hs.Id) state.selected = hs.Id;
    state.just = null;
    const changes = await refreshWorld();
    state.shown = entry;
    if (state.form && state.selected && state.selected !== before) state.form.setHandshakeId(state.selected);
    renderAll();
    renderResponse();
    const p = entry.parsed || {};
    announce([`${operationOfTarget(target)}: HTTP ${entry.status}${entry.status !== 200 && p.__type ? ` ${p.__type}` : ''}${p.Reason ? ` ${p.Reason}` : ''}.`, ...changes].join(' '));
    emit('change', { reason: 'call', by, changes, entry });
    return entry;
  } catch (err) {
    showFatal(`The request failed: ${err.message}`);
    return null;
  }
}

/**
 * Which rule produced an AWS call's response and how far to trust it ({Rule, Provenance, Source} from
 * Simulator.ExplainResponse), or null for Simulator controls and when the engine cannot say.
 */
async function provenanceOf(entry) {
  if (entry.caller === null || !String(entry.target).startsWith(`${TARGET_PREFIX}.`)) return null;
  try {
    return await state.client.control('ExplainResponse', { Target: entry.target, Status: entry.status, Body: entry.response });
  } catch {
    return null;
  }
}

/** The current snapshot (Simulator.ExportWorld's World), or null when the engine cannot export it. */
async function exportForRollback() {
  const { status, body } = await state.client.call('', 'Simulator.ExportWorld', '{}');
  const parsed = status === 200 ? parseJson(body) : null;
  return parsed && parsed.World ? parsed.World : null;
}

/**
 * After a snapshot was accepted: true when the world is sound (a clock the page can show, one handshake per
 * id, a world the engine can export). Otherwise the previous world is imported again, the call is dropped from
 * the log (a share link of this session must not carry it), the page says why, and false is returned.
 */
async function keepImportedWorld(previous, entry) {
  const { status, body } = await state.client.call('', 'Simulator.DescribeWorld', '{}');
  const world = status === 200 ? parseJson(body) : null;
  let problem = null;
  if (!world) problem = 'the engine cannot describe the world it made';
  else if (!isValidClock(world.Now)) problem = 'its clock is outside the range the playground shows (1970 to 9999)';
  else {
    const ids = (world.Handshakes || []).map((hs) => hs.Id);
    if (new Set(ids).size !== ids.length) problem = 'it holds two handshakes with one id';
    else if ((await state.client.call('', 'Simulator.ExportWorld', '{}')).status !== 200) problem = 'the engine cannot export the world it made';
  }
  if (!problem) return true;
  const restored = await state.client.call('', 'Simulator.ImportWorld', JSON.stringify({ World: previous }));
  state.log.splice(state.log.indexOf(entry), 1);
  await refreshWorld();
  renderAll();
  showNotice(`The engine accepted the snapshot, but ${problem}. ${restored.status === 200 ? 'The previous world was restored.' : 'The previous world could not be restored: use Reset.'}`, { title: 'The snapshot was refused.' });
  announce(`The snapshot was refused: ${problem}.`);
  return false;
}

function advance(seconds, by = 'user') {
  if (by === 'user' && state.readonly) return undefined;
  return track(serial(() => advanceNow(seconds, by)));
}

async function advanceNow(seconds, by) {
  try {
    state.just = null;
    const entry = await simulator('AdvanceTime', { Seconds: seconds }, by);
    const changes = await refreshWorld();
    renderAll();
    const days = seconds / 86400;
    announce([`Clock advanced ${Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : formatDuration(seconds)} to ${formatTime(state.world.Now)}.`, ...changes].join(' '));
    emit('change', { reason: 'clock', by, changes, entry });
    return entry;
  } catch (err) {
    announce(err.message);
    return null;
  }
}

/** Build a scenario from scratch. options: {seed (default: the Seed field), by ('user'), quiet}. */
function loadScenario(id, options = {}) {
  return track(serial(() => loadScenarioNow(id, options)));
}

function readSeedField() {
  const value = Number($('#seed').value);
  return Number.isSafeInteger(value) && value >= 0 ? value : 0;
}

async function loadScenarioNow(id, { seed = readSeedField(), by = 'user', quiet = false } = {}) {
  const scenario = SCENARIOS_BY_ID.get(id) || SCENARIOS[0];
  state.scenario = scenario.id;
  state.seed = seed;
  $('#seed').value = String(seed);
  $('#scenario').value = scenario.id;
  $('#scenario-description').textContent = scenario.description;
  state.log = [];
  state.shown = null;
  state.selected = null;
  state.just = null;
  state.world = { Now: 0, Accounts: [], Organizations: [], Handshakes: [], ResponsibilityTransfers: [] };
  await buildScenario(simulator, scenario, { seed });
  state.sessionStart = state.log.length;
  await refreshWorld();
  state.caller = scenario.actAs || '';
  renderActAs();
  setOperation(scenario.operation || 'InviteAccountToOrganization');
  if (scenario.operation === undefined && state.form) {
    const susan = accountById('222222222222');
    if (susan) state.form.setField('Target', { Type: 'EMAIL', Id: susan.Email });
  }
  renderAll();
  resetResponse();
  if (!quiet) announce(`Scenario loaded: ${scenario.label}.`);
  emit('change', { reason: 'scenario', by, changes: [], scenario: scenario.id, seed });
}

function resetResponse() {
  fill($('#response-meta'), 'No request sent yet. Choose an operation and send it.');
  $('#response').dataset.empty = 'true';
  $('#response-status').hidden = true;
  $('#error-callout').hidden = true;
  $('#response-body').replaceChildren();
  $('#request-echo').replaceChildren();
  renderSnippet();
}

async function addAccount(event) {
  event.preventDefault();
  const name = $('#new-name').value;
  const email = $('#new-email').value;
  const id = $('#new-id').value.trim();
  const request = { Name: name, Email: email };
  if (id) request.Id = id;
  const entry = await record(null, 'Simulator.CreateAccount', JSON.stringify(request), 'user');
  const errorEl = $('#add-account-error');
  if (entry.status !== 200) {
    const p = entry.parsed || {};
    errorEl.textContent = `${p.__type || 'Error'}: ${p.Message || ''}`;
    renderLog();
    return;
  }
  errorEl.textContent = '';
  $('#new-name').value = '';
  $('#new-email').value = '';
  $('#new-id').value = '';
  await refreshWorld();
  renderAll();
  const account = entry.parsed.Account || {};
  announce(`Account ${account.Name} (${account.Id}) added.`);
  emit('change', { reason: 'account', by: 'user', changes: [`Account ${account.Id} added.`], entry });
}

function showFatal(message) {
  const el = $('#fatal');
  el.hidden = false;
  el.textContent = message;
}

/** A message above the panels (a link that could not be opened, a lesson file with a problem...). */
function showNotice(message, { kind = 'error', title = null } = {}) {
  const el = $('#notice');
  el.dataset.kind = kind;
  fill($('#notice-text'), title ? [h('strong', null, title), ' '] : null, message);
  el.hidden = false;
}

function hideNotice() {
  $('#notice').hidden = true;
  $('#notice-text').replaceChildren();
}

// ---- sessions: share links, files, replay ------------------------------------------------------------

async function worldDigestNow() {
  const { status, body } = await state.client.call('', 'Simulator.ExportWorld', '{}');
  return status === 200 ? digest(body) : null;
}

/** The session so far: scenario, seed, clock, the calls made after the scenario was built. */
async function currentSessionNow() {
  return {
    scenario: state.scenario,
    seed: state.seed,
    now: state.world.Now,
    worldDigest: await worldDigestNow(),
    calls: state.log.slice(state.sessionStart).map((e) => ({ caller: e.caller, target: e.target, body: e.body, status: e.status })),
  };
}

/** Replay a checked session (session.mjs): its scenario and seed, then its calls in order. */
async function replayNow(session) {
  await loadScenarioNow(session.scenario, { seed: session.seed, by: 'link', quiet: true });
  const differences = [];
  for (const [i, call] of session.calls.entries()) {
    const entry = await record(call.caller, call.target, call.body, 'link');
    if (call.status !== null && entry.status !== call.status) differences.push({ index: i + 1, target: call.target, expected: call.status, got: entry.status });
  }
  state.just = null;
  await refreshWorld();
  const calls = state.log.slice(state.sessionStart);
  if (calls.length) state.shown = calls[calls.length - 1];
  const lastAws = [...calls].reverse().find((e) => e.caller && e.target.startsWith(`${TARGET_PREFIX}.`) && accountById(e.caller));
  if (lastAws) state.caller = lastAws.caller;
  const lastHs = [...calls].reverse().find((e) => e.status === 200 && e.parsed && e.parsed.Handshake && e.parsed.Handshake.Id);
  if (lastHs && state.world.Handshakes.some((hs) => hs.Id === lastHs.parsed.Handshake.Id)) state.selected = lastHs.parsed.Handshake.Id;
  renderActAs();
  if (state.form && state.selected) state.form.setHandshakeId(state.selected);
  renderAll();
  if (state.shown) renderResponse();
  const worldDigest = await worldDigestNow();
  const report = {
    calls: session.calls.length,
    differences,
    clockMatches: state.world.Now === session.now,
    worldMatches: session.worldDigest === null || session.worldDigest === worldDigest,
    worldDigest,
  };
  emit('change', { reason: 'replay', by: 'link', changes: [], scenario: state.scenario, seed: state.seed });
  return report;
}

/**
 * Start again from a scenario, then send `calls` ([{caller, target, body}]) as part of the start (a lesson's
 * set-up). Returns the log position after them.
 */
async function startWithNow(id, { seed = 0, calls = [], by = 'lesson', actAs = null, operation = null } = {}) {
  await loadScenarioNow(id, { seed, by, quiet: true });
  for (const call of calls) await record(call.caller, call.target, call.body, by);
  if (calls.length) await refreshWorld();
  if (actAs && accountById(actAs)) state.caller = actAs;
  renderActAs();
  if (operation && OPERATIONS_BY_NAME.has(operation)) setOperation(operation);
  renderAll();
  resetResponse();
  emit('change', { reason: 'setup', by, changes: [] });
  return state.seq;
}

// ---- wiring ---------------------------------------------------------------------------------------

function tabKeys(container, selector) {
  container.addEventListener('keydown', (event) => {
    const tabs = [...container.querySelectorAll(selector)];
    const index = tabs.indexOf(document.activeElement);
    if (index < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    tabs[next].click();
    container.querySelectorAll(selector)[next].focus();
  });
}

function wire() {
  $('#notice-dismiss').addEventListener('click', hideNotice);
  $('#scenario').replaceChildren(...SCENARIOS.map((sc) => h('option', { value: sc.id }, sc.label)));
  $('#scenario').addEventListener('change', (e) => { if (!state.readonly) loadScenario(e.target.value); });
  $('#reset').addEventListener('click', () => { if (!state.readonly) loadScenario($('#scenario').value); });

  $('#act-as').addEventListener('change', (e) => setCaller(e.target.value));
  $('#act-as-other').addEventListener('input', () => { onComposerChange(); renderMoves(); });

  renderOperationSelect();
  $('#operation').addEventListener('change', (e) => setOperation(e.target.value));
  $('#form-fields').addEventListener('input', onComposerChange);
  $('#form-fields').addEventListener('change', onComposerChange);
  $('#raw-target').addEventListener('input', () => { state.rawDirty = true; onComposerChange(); });
  $('#raw-body').addEventListener('input', () => { state.rawDirty = true; onComposerChange(); });
  $('#tab-form').addEventListener('click', () => setMode('form'));
  $('#tab-raw').addEventListener('click', () => setMode('raw'));
  tabKeys($('.mode-tabs'), '[role=tab]');
  $('#request-form').addEventListener('submit', (e) => { e.preventDefault(); send(); });
  $('#request-form').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); send(); }
  });

  for (const button of document.querySelectorAll('[data-advance]')) {
    button.addEventListener('click', () => advance(Number(button.dataset.advance)));
  }
  $('#advance-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const amount = Number($('#advance-amount').value);
    if (!Number.isFinite(amount) || amount < 0) { announce('Enter an amount of zero or more.'); return; }
    advance(amount * Number($('#advance-unit').value));
  });

  $('#add-account-form').addEventListener('submit', (e) => {
    e.preventDefault();
    if (!state.readonly) track(serial(() => addAccount(e)));
  });

  $('#view-wire').addEventListener('click', () => setView('wire'));
  $('#view-python').addEventListener('click', () => setView('python'));
  $('#copy-response').addEventListener('click', () => copyText($('#response-body').textContent, 'Response'));
  $('#copy-snippet').addEventListener('click', () => copyText($('#snippet-code').textContent, 'Code'));
  renderSnippetTabs();
  tabKeys($('#snippet-tabs'), '[role=tab]');

  $('#lifecycle-action').addEventListener('change', (e) => {
    state.lifecycleAction = e.target.value;
    const hs = selectedHandshake();
    if (hs && hs.Action !== state.lifecycleAction) {
      state.selected = null;
      state.just = null;
      renderHandshakes();
      renderMoves();
    } else {
      renderDiagramPanel();
    }
  });
}

function setView(view) {
  state.view = view;
  $('#view-wire').setAttribute('aria-pressed', String(view === 'wire'));
  $('#view-python').setAttribute('aria-pressed', String(view === 'python'));
  renderResponse();
}

// The interface the share, lesson and embed modules use.
const api = {
  state,
  on,
  emit,
  track,
  announce,
  showNotice,
  hideNotice,
  scenarios: SCENARIOS,
  currentCaller,
  accountById,
  setCaller: (id) => setCaller(id),
  setOperation: (name) => { if (OPERATIONS_BY_NAME.has(name)) setOperation(name); },
  loadScenario,
  request,
  advance,
  replay: (session) => track(serial(() => replayNow(session))),
  currentSession: () => track(serial(() => currentSessionNow())),
  startWith: (id, options) => track(serial(() => startWithNow(id, options))),
  worldDigest: () => track(serial(() => worldDigestNow())),
  // Not queued: called while a change is being reported, it sees the world of that moment.
  worldDigestNow,
  dryRun: async (caller, target, body) => {
    const dry = await state.client.control('DryRun', { Caller: caller, Target: target, Body: body });
    return { status: Number(dry.Status), body: dry.Body };
  },
};

async function main() {
  setPending(1);
  const config = readEmbedConfig(window.location);
  state.readonly = config.readonly;
  wire();
  if (state.readonly) $('#scenario').disabled = true;
  const embed = initEmbed(api, config);
  const share = initShare(api, config);
  const lessons = initLessons(api, config);
  try {
    state.client = engine;
    await state.client.ready;
    let started = await share.openFromLocation();
    if (!started && config.lesson) started = await lessons.startById(config.lesson);
    if (!started) await loadScenario(config.scenario || state.scenario, { seed: config.seed, by: 'start' });
    if (config.actAs && accountById(config.actAs)) setCaller(config.actAs);
    if (config.operation && config.operation !== state.operation) api.setOperation(config.operation);
    $('#main').setAttribute('aria-busy', 'false');
    document.documentElement.dataset.ready = 'true';
    performance.mark('playground-ready');
    embed.ready();
    // The lifecycle table only feeds the diagram: fetch it once the page can already be used.
    const { Lifecycles } = await state.client.control('DescribeLifecycle', {});
    for (const lifecycle of Lifecycles || []) state.lifecycles.set(lifecycle.Action, lifecycle);
    if (!state.lifecycles.has(state.lifecycleAction) && state.lifecycles.size) state.lifecycleAction = state.lifecycles.keys().next().value;
    renderLifecycleSelect();
    await renderMoves();
  } catch (err) {
    showFatal(`The engine could not be started: ${err.message}`);
  } finally {
    setPending(-1);
  }
}

main();

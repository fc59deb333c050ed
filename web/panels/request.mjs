// @ts-check
// The Request panel: "Act as", the operation, its form or the raw editor, Send, the result of the last send
// beside it, and the dry-run preview (what sending would return now: "Sending again would return" once the
// request shown was just sent). The form (composer.mjs) is a DOM widget that keeps what is typed in it:
// whenever it changes, the request it makes goes into the store as `draft`, which is what the other panels
// (code snippets) and Send read. Its handshake picker prefers, by default, a handshake the account acted as
// can act on (asked of the engine: Simulator.DescribeMoves for Accept, Decline and Cancel, in one call;
// Simulator.DryRun for the others), and says so in words when there is none.

import { $, $input, $select, $textarea, fill, h } from '../dom.mjs';
import { HANDSHAKE_MOVES, OPERATIONS, OPERATIONS_BY_NAME, operationOfTarget, targetOf } from '../operations.mjs';
import { allowedMoves } from '../moves.mjs';
import { OTHER_CALLER } from '../store.mjs';
import { accountById, currentCaller, errorMessage, roleText } from '../actions.mjs';
import { parseJson, setPendingBackground, tabKeys, track } from '../ui.mjs';

/**
 * @typedef {import('../store.mjs').PageState} PageState
 * @typedef {ReturnType<typeof import('../composer.mjs').buildForm>} Form
 */

/** @param {any} body */
function describeSuccess(body) {
  if (body && body.Handshake) return `· handshake ${body.Handshake.State}`;
  if (body && Array.isArray(body.Handshakes)) return `· ${body.Handshakes.length} handshake(s)`;
  if (body && Array.isArray(body.Accounts)) return `· ${body.Accounts.length} account(s)`;
  return '';
}

const STATUS_TEXT = /** @type {Record<number, string>} */ ({ 200: 'OK', 400: 'Bad Request', 413: 'Payload Too Large', 500: 'Internal Server Error' });

/** What each handshake operation does to it, for "no handshake here can be ..." */
const DONE_WORDS = /** @type {Record<string, string>} */ ({
  AcceptHandshake: 'accepted', DeclineHandshake: 'declined', CancelHandshake: 'canceled', DescribeHandshake: 'described',
});

/**
 * The inline result of a send, beside the button: the status, then the handshake's new state, what a
 * success returned, or the error's __type (and Reason).
 * @param {import('../store.mjs').LogEntry} entry
 */
function resultParts(entry) {
  const ok = entry.status === 200;
  const p = entry.parsed && typeof entry.parsed === 'object' ? entry.parsed : {};
  const what = ok
    ? (p.Handshake
      ? ['handshake ', h('span', { class: 'mono' }, String(p.Handshake.Id)), ' is now ', h('span', { class: `badge state-${String(p.Handshake.State).toLowerCase()}` }, String(p.Handshake.State))]
      : [describeSuccess(p).replace(/^· /, '')])
    : [h('span', { class: 'mono result-error' }, String(p.__type ?? 'Error')), p.Reason !== undefined ? [' (', h('span', { class: 'mono' }, String(p.Reason)), ')'] : null];
  return [
    h('span', { class: 'result-icon', 'aria-hidden': 'true' }, ok ? '✓' : '✕'),
    h('span', { class: 'result-text' },
      h('span', { class: 'result-label' }, `Sent #${entry.seq} ${operationOfTarget(entry.target)}: `),
      h('span', { class: `badge ${ok ? 'ok' : 'err'}` }, `${entry.status} ${STATUS_TEXT[entry.status] || ''}`.trim()), ' ',
      what),
  ];
}

/**
 * @param {HTMLElement} root  #composer
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions, client, buildForm, prettyJson, renderCode }) {
  const actAs = $select('#act-as', root);
  const actAsOther = $input('#act-as-other', root);
  const operation = $select('#operation', root);
  const formFields = $('#form-fields', root);
  const rawTarget = $input('#raw-target', root);
  const rawBody = $textarea('#raw-body', root);
  const dryRun = $('#dry-run', root);
  const send = $('#send', root);
  const result = $('#send-result', root);
  const note = $('#picker-note', root);
  /** The last request sent with this panel (by the user), shown beside Send. @type {import('../store.mjs').LogEntry | null} */
  let lastSent = null;
  /** @type {Form | null} */
  let form = null;

  // ---- input -> store ----------------------------------------------------------------------------------

  /** What Send would send now, from the form or the raw editor. */
  function syncDraft() {
    const state = store.getState();
    const formBody = form ? JSON.stringify(form.readBody()) : '{}';
    const raw = state.mode === 'raw';
    const draft = { target: raw ? rawTarget.value : targetOf(state.operation), body: raw ? rawBody.value : formBody, formBody, rawTarget: rawTarget.value };
    const old = state.draft;
    if (old.target === draft.target && old.body === draft.body && old.formBody === draft.formBody && old.rawTarget === draft.rawTarget) return;
    store.update({ draft });
  }

  actAs.addEventListener('change', () => actions.setCaller(actAs.value));
  actAsOther.addEventListener('input', () => store.update({ callerOther: actAsOther.value }));
  const groups = new Map();
  for (const op of OPERATIONS) {
    if (!groups.has(op.group)) groups.set(op.group, h('optgroup', { label: op.group }));
    groups.get(op.group).append(h('option', { value: op.name }, op.name));
  }
  operation.replaceChildren(...groups.values());
  operation.value = store.getState().operation;
  operation.addEventListener('change', () => actions.setOperation(operation.value));
  formFields.addEventListener('input', syncDraft);
  formFields.addEventListener('change', syncDraft);
  for (const input of [rawTarget, rawBody]) {
    input.addEventListener('input', () => { store.update({ rawDirty: true }); syncDraft(); });
  }
  $('#tab-form', root).addEventListener('click', () => actions.setMode('form'));
  $('#tab-raw', root).addEventListener('click', () => actions.setMode('raw'));
  tabKeys($('.mode-tabs', root), '[role=tab]');
  const request = $('#request-form', root);
  // The form's own buttons (a tag row removed...) change it without an input event: read it once more.
  request.addEventListener('submit', (e) => { e.preventDefault(); syncDraft(); actions.send(); });
  // Send (a click, or Enter in a field, which clicks it) sends without submitting the form: a submission
  // resolves the page's address, which holds the session (tens of KB once a world was imported), and cost
  // 100 ms of a click in such a session.
  send.addEventListener('click', (e) => { e.preventDefault(); syncDraft(); actions.send(); });
  // Ctrl+Enter (Cmd+Enter) sends from anywhere in the panel: "Act as", the operation, the form, the editor.
  root.addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); syncDraft(); actions.send(); }
  });

  // ---- the form widget follows the operation, the selection and the world --------------------------------

  let builtKey = -1;
  let selectKey = store.getState().selectKey;
  /** @type {import('../store.mjs').World | null} */
  let pickerWorld = null;

  /** @param {PageState} state */
  function renderForm(state) {
    if (state.formKey !== builtKey) {
      builtKey = state.formKey;
      const op = OPERATIONS_BY_NAME.get(state.operation);
      if (!op) return;
      operation.value = op.name;
      fill($('#operation-summary', root), op.summary, ' ', h('span', { class: 'caller-hint' }, `Caller: ${op.caller}.`));
      form = buildForm(formFields, op, { world: state.world });
      form.refreshPickers(state.world, state.selected);
      if (state.selected) form.setHandshakeId(state.selected, { chosen: false });
      rawTarget.value = targetOf(op.name);
      if (!state.rawDirty) rawBody.value = prettyJson(JSON.stringify(form.readBody())) || '{}';
      for (const [name, value] of Object.entries(state.formFields || {})) form.setField(name, value);
    } else if (form) {
      if (state.selectKey !== selectKey && state.selected) form.setHandshakeId(state.selected, { chosen: true });
      if (state.world !== pickerWorld) form.refreshPickers(state.world, state.selected);
    }
    selectKey = state.selectKey;
    pickerWorld = state.world;
    syncDraft();
  }

  /** @param {PageState} state */
  function renderMode({ mode, rawDirty }) {
    const raw = mode === 'raw';
    if (raw && !rawDirty && form) {
      rawTarget.value = targetOf(store.getState().operation);
      rawBody.value = prettyJson(JSON.stringify(form.readBody())) || '{}';
    }
    const tabForm = $('#tab-form', root);
    const tabRaw = $('#tab-raw', root);
    tabForm.setAttribute('aria-selected', String(!raw));
    tabRaw.setAttribute('aria-selected', String(raw));
    tabForm.tabIndex = raw ? -1 : 0;
    tabRaw.tabIndex = raw ? 0 : -1;
    $('#panel-form', root).hidden = raw;
    $('#panel-raw', root).hidden = !raw;
    syncDraft();
  }

  // ---- drawing ---------------------------------------------------------------------------------------------

  /** @type {import('../store.mjs').World | null} */
  let optionsWorld = null;
  /** @param {PageState} state */
  function renderActAs(state) {
    if (state.world !== optionsWorld) {
      optionsWorld = state.world;
      actAs.replaceChildren(
        ...state.world.Accounts.map((a) => h('option', { value: a.Id }, `${a.Name} — ${a.Id} — ${roleText(a)}`)),
        h('option', { value: OTHER_CALLER }, 'Another account id…'),
      );
    }
    actAs.value = state.caller;
    const other = state.caller === OTHER_CALLER;
    actAsOther.hidden = !other;
    $('#act-as-other-label', root).hidden = !other;
  }

  /** The result beside Send is of another operation than the one composed now: it says "Last sent". @param {PageState} state */
  function markStale({ draft }) {
    const stale = lastSent !== null && lastSent.target !== draft.target;
    if (result.dataset.stale === String(stale)) return;
    result.dataset.stale = String(stale);
    const label = result.querySelector('.result-label');
    if (label && lastSent) label.textContent = `${stale ? 'Last sent' : 'Sent'} #${lastSent.seq} ${operationOfTarget(lastSent.target)}: `;
  }

  /** @param {PageState} state */
  function renderSend({ mode, operation: name, draft }) {
    $('#send-label', root).textContent = mode === 'raw' ? operationOfTarget(draft.rawTarget) || 'Send' : name;
    if (mode === 'form') renderCode($('#body-preview', root), prettyJson(draft.formBody) || draft.formBody, 'json');
  }

  /** @param {PageState} state */
  function renderSending({ sending }) {
    if (sending) send.setAttribute('aria-disabled', 'true');
    else send.removeAttribute('aria-disabled');
  }

  // What the engine would answer (Simulator.DryRun), shortly after the request or the world last changed.
  // Its line keeps its height while empty (styles.css), so nothing waits for it: not the start, not a click.
  /** @type {ReturnType<typeof setTimeout> | 0} */
  let dryTimer = 0;
  let dryToken = 0;
  function scheduleDryRun() {
    if (dryTimer) { clearTimeout(dryTimer); setPendingBackground(-1); }
    setPendingBackground(1);
    dryTimer = setTimeout(() => {
      dryTimer = 0;
      runDryRun().finally(() => setPendingBackground(-1));
    }, 120);
  }

  async function runDryRun() {
    const token = ++dryToken;
    const state = store.getState();
    const { target, body } = state.draft;
    if (target.startsWith('Simulator.')) {
      fill(dryRun, 'No preview for Simulator controls.');
      return;
    }
    try {
      const dry = await client.control('DryRun', { Caller: currentCaller(state), Target: target, Body: body });
      if (token !== dryToken) return;
      renderDryRun(dry, state);
    } catch (err) {
      if (token === dryToken) fill(dryRun, `Preview unavailable: ${errorMessage(err)}`);
    }
  }

  /** @param {{Status: unknown, Body: unknown}} dry @param {PageState} state  the state the preview was asked in */
  function renderDryRun(dry, state) {
    const body = typeof dry.Body === 'string' ? parseJson(dry.Body) || {} : dry.Body || {};
    const ok = Number(dry.Status) === 200;
    // The request just sent, unchanged: the preview is about sending it once more (not about the result).
    const again = lastSent !== null && lastSent.caller === currentCaller(state) && lastSent.target === state.draft.target && lastSent.body === state.draft.body;
    dryRun.dataset.again = String(again);
    fill(dryRun,
      h('span', { class: 'dry-label' }, again ? 'Sending again would return ' : 'Would return '),
      h('span', { class: `badge ${ok ? 'ok' : 'err'}` }, String(dry.Status)),
      ok ? ` ${describeSuccess(body)}` : ` ${body.__type || ''}${body.Reason ? ` (${body.Reason})` : ''}`);
    dryRun.title = ok ? '' : body.Message || '';
  }

  // ---- the result of a send, beside the button ------------------------------------------------------------

  /** @param {PageState} state */
  function renderResult({ shown, log }) {
    // Only a request this page's Send made, when it arrives (not an older entry chosen in the event log).
    if (!shown || shown.by !== 'user' || shown === lastSent || log[log.length - 1] !== shown) return;
    lastSent = shown;
    result.hidden = false;
    result.dataset.status = String(shown.status);
    result.dataset.seq = String(shown.seq);
    fill(result, resultParts(shown));
    result.dataset.stale = 'false';
    // The outcome in view without scrolling (the page's scroll-padding keeps it clear of the sticky bar),
    // measured when the frame is laid out anyway: measuring now would lay the page out twice.
    requestAnimationFrame(() => {
      if (result.hidden) return;
      const box = result.getBoundingClientRect();
      const top = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 0;
      if (box.top < top || box.bottom > window.innerHeight) result.scrollIntoView({ block: 'nearest' });
    });
  }

  /** A new world: the last result belongs to the old one. @param {PageState} state */
  function clearResult({ log }) {
    if (lastSent && !log.includes(lastSent)) {
      lastSent = null;
      result.hidden = true;
      result.replaceChildren();
    }
  }

  // ---- the handshake picker's default: one the caller can act on ----------------------------------------

  let pickToken = 0;
  /** The last answers for the picker: which handshakes the caller could send the operation on. */
  /** @type {{picker: import('../composer.mjs').Picker, answers: Map<string, boolean>, usable: import('../store.mjs').Handshake[], count: number, operation: string, who: string} | null} */
  let lastScan = null;
  /** @param {PageState} state */
  function preferActionable(state) {
    const mine = ++pickToken;
    const picker = form && state.mode === 'form' ? form.handshakePicker() : null;
    if (!picker) { lastScan = null; setNote(''); return; }
    track(preferNow(mine, picker, state));
  }

  /**
   * @param {number} mine
   * @param {import('../composer.mjs').Picker} picker
   * @param {PageState} state
   */
  async function preferNow(mine, picker, state) {
    const caller = currentCaller(state);
    const handshakes = state.world.Handshakes.slice(-40);
    /** @type {Map<string, boolean>} */
    const answers = new Map();
    if (HANDSHAKE_MOVES.includes(state.operation)) {
      let allowed;
      try {
        allowed = await allowedMoves(client, caller, handshakes.map((hs) => hs.Id));
      } catch {
        return;
      }
      if (mine !== pickToken) return;
      for (const hs of handshakes) answers.set(hs.Id, (allowed.get(hs.Id) || []).includes(state.operation));
    } else {
      for (const hs of handshakes) {
        let dry;
        try {
          dry = await client.control('DryRun', { Caller: caller, Target: targetOf(state.operation), Body: JSON.stringify({ HandshakeId: hs.Id }) });
        } catch {
          return;
        }
        if (mine !== pickToken) return;
        answers.set(hs.Id, Number(dry.Status) === 200);
      }
    }
    const usable = handshakes.filter((hs) => answers.get(hs.Id));
    const current = picker.read();
    if (!picker.chosen && usable.length && !(typeof current === 'string' && answers.get(current))) {
      picker.setValue(usable[usable.length - 1].Id, { chosen: false });
      syncDraft();
    }
    const account = accountById(state, caller);
    lastScan = {
      picker, answers, usable, count: handshakes.length, operation: state.operation,
      who: account ? `${account.Name} (${account.Id})` : caller || 'nobody',
    };
    writeNote();
  }

  /** Under the picker, in words: nothing to act on, or the one picked would be refused (and which would not). */
  function writeNote() {
    const scan = lastScan;
    const picker = form && store.getState().mode === 'form' ? form.handshakePicker() : null;
    if (!scan || !picker || picker !== scan.picker) { setNote(''); return; }
    const { answers, usable, count, operation, who } = scan;
    const done = DONE_WORDS[operation] || `used with ${operation}`;
    if (!count) setNote('There are no handshakes in this world yet.');
    else if (!usable.length) setNote(`No handshake here can be ${done} by ${who}: ${operation} would be refused for each of the ${count}.`);
    else {
      const now = picker.read();
      setNote(typeof now === 'string' && answers.has(now) && !answers.get(now)
        ? `This one would be refused; ${who} can act on ${usable.slice(-2).map((hs) => `${hs.Id} (${hs.Action})`).join(', ')}.`
        : '');
    }
  }

  /** The note sits after the Send button (it arrives late: it must not move the button); the picker points to it. @param {string} text */
  function setNote(text) {
    note.textContent = text;
    note.hidden = text === '';
    const picker = form ? form.handshakePicker() : null;
    if (picker) {
      const ids = (picker.select.getAttribute('aria-describedby') || '').split(' ').filter((id) => id && id !== 'picker-note');
      if (text) ids.push('picker-note');
      if (ids.length) picker.select.setAttribute('aria-describedby', ids.join(' '));
      else picker.select.removeAttribute('aria-describedby');
    }
  }
  formFields.addEventListener('change', writeNote);

  store.subscribe((s) => [s.formKey, s.selectKey, s.world], renderForm);
  store.subscribe((s) => s.mode, renderMode);
  store.subscribe((s) => [s.world, s.caller], renderActAs);
  store.subscribe((s) => [s.mode, s.operation, s.draft], renderSend);
  store.subscribe((s) => s.sending, renderSending);
  store.subscribe((s) => [s.draft, s.caller, s.callerOther, s.world, s.mode], scheduleDryRun);
  store.subscribe((s) => [s.shown, s.log], renderResult);
  store.subscribe((s) => s.draft, markStale);
  store.subscribe((s) => s.log, clearResult);
  store.subscribe((s) => [s.formKey, s.selectKey, s.world, s.caller, s.callerOther, s.mode, s.operation], preferActionable);
}

// @ts-check
// The Response panel: the entry shown (status, provenance, error, body as wire JSON or boto3, the request
// that was sent) and "Run it against AWS" (code for the shown request, or for the one being composed).

import { $, fill, h } from '../dom.mjs';
import { operationOfTarget } from '../operations.mjs';
import { copyText, tabKeys } from '../ui.mjs';
import { callerLabel, formatTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

const STATUS_TEXT = /** @type {Record<number, string>} */ ({ 200: 'OK', 400: 'Bad Request', 413: 'Payload Too Large', 500: 'Internal Server Error' });
const TRUST_LABELS = /** @type {Record<string, string>} */ ({ SEEN_IN_AWS: 'Seen in real AWS', DOCUMENTED: 'Documented', SIMULATOR_CHOICE: "Simulator's choice" });

/**
 * @param {HTMLElement} root  #response
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { renderCode, prettyJson, pythonView, commentText, snippet, SNIPPET_KINDS }) {
  const status = $('#response-status', root);
  const callout = $('#error-callout', root);
  const provenanceBox = $('#response-provenance', root);
  const body = $('#response-body', root);
  const tabs = $('#snippet-tabs', root);

  /** @param {'wire' | 'python'} view */
  const setView = (view) => store.update({ view });
  $('#view-wire', root).addEventListener('click', () => setView('wire'));
  $('#view-python', root).addEventListener('click', () => setView('python'));
  $('#copy-response', root).addEventListener('click', () => copyText(body.textContent || '', 'Response'));
  $('#copy-snippet', root).addEventListener('click', () => copyText($('#snippet-code', root).textContent || '', 'Code'));
  tabKeys(tabs, '[role=tab]');

  /** Beside the response: where this answer comes from (a badge), the rule and its source on demand. @param {PageState} state */
  function renderProvenance({ shown }) {
    const provenance = shown && shown.provenance;
    const label = provenance && TRUST_LABELS[provenance.Provenance];
    if (!provenance || !label) { provenanceBox.hidden = true; provenanceBox.replaceChildren(); return; }
    provenanceBox.hidden = false;
    fill(provenanceBox,
      h('span', { class: `badge trust-${provenance.Provenance.toLowerCase().replace(/_/g, '-')}` }, label),
      h('details', null,
        h('summary', null, 'Source'),
        h('p', { class: 'source' }, h('span', { class: 'mono' }, String(provenance.Rule)), ': ', String(provenance.Source))));
  }

  /** @param {PageState} state */
  function renderResponse(state) {
    const entry = state.shown;
    $('#view-wire', root).setAttribute('aria-pressed', String(state.view === 'wire'));
    $('#view-python', root).setAttribute('aria-pressed', String(state.view === 'python'));
    if (!entry) {
      fill($('#response-meta', root), 'No request sent yet. Choose an operation and send it.');
      root.dataset.empty = 'true';
      status.hidden = true;
      callout.hidden = true;
      body.replaceChildren();
      $('#request-echo', root).replaceChildren();
      return;
    }
    root.dataset.seq = String(entry.seq);
    root.dataset.empty = 'false';
    const operation = operationOfTarget(entry.target);
    fill($('#response-meta', root),
      h('span', { class: 'strong' }, `#${entry.seq} ${operation}`),
      entry.caller === null ? ' (a simulator control)' : ` as ${callerLabel(state, entry.caller)}`,
      entry.now ? ` at ${formatTime(entry.now)}` : '');
    status.hidden = false;
    fill(status,
      h('span', { class: `badge big ${entry.status === 200 ? 'ok' : 'err'}` }, `HTTP ${entry.status} ${STATUS_TEXT[entry.status] || ''}`.trim()),
      entry.parsed && entry.parsed.Handshake ? h('span', { class: `badge state-${String(entry.parsed.Handshake.State).toLowerCase()}` }, entry.parsed.Handshake.State) : null,
      entry.response === '' ? h('span', { class: 'badge' }, 'empty body') : null);
    renderProvenance(state);
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
    if (state.view === 'python') renderCode(body, pythonView(operation, entry.status, entry.response), 'python');
    else renderCode(body, prettyJson(entry.response) ?? entry.response, 'json');
    // The target is shown with line breaks and invisible characters escaped: a hostile one cannot add fake lines.
    const echo = `POST /\nX-Amz-Target: ${commentText(entry.target)}\nContent-Type: application/x-amz-json-1.1\n\n${prettyJson(entry.body) ?? entry.body}`;
    renderCode($('#request-echo', root), echo, 'http');
  }

  /** @param {PageState} state */
  function renderSnippetTabs({ snippet }) {
    fill(tabs, SNIPPET_KINDS.map((kind) => h('button', {
      type: 'button', role: 'tab', id: `snippet-tab-${kind.id}`, 'aria-controls': 'snippet-panel',
      'aria-selected': String(kind.id === snippet), tabindex: kind.id === snippet ? '0' : '-1',
      onclick: () => store.update({ snippet: kind.id }),
    }, kind.label)));
    $('#snippet-panel', root).setAttribute('aria-labelledby', `snippet-tab-${snippet}`);
  }

  /**
   * The snippets generated for one request, by kind (only the tabs shown are generated): a request just sent is
   * the one composed before.
   */
  let generated = { target: '', body: '', now: NaN, byKind: /** @type {Map<string, string>} */ (new Map()) };
  /** Code for the shown request, or (nothing shown) for the one being composed. @param {PageState} state */
  function renderSnippet({ shown: entry, snippet: shownKind, draft, world }) {
    const kind = SNIPPET_KINDS.find((k) => k.id === shownKind) || SNIPPET_KINDS[0];
    const target = entry ? entry.target : draft.target;
    const body = entry ? entry.body : draft.body;
    const now = entry ? entry.now : world.Now;
    if (target !== generated.target || body !== generated.body || now !== generated.now) {
      generated = { target, body, now, byKind: new Map() };
    }
    let code = generated.byKind.get(kind.id);
    if (code === undefined) {
      code = snippet(kind.id, target, body, now);
      generated.byKind.set(kind.id, code);
    }
    renderCode($('#snippet-code', root), code, kind.language);
    $('#snippet-pre', root).setAttribute('aria-label', `${kind.label} code`);
  }

  renderSnippetTabs(store.getState());
  store.subscribe((s) => [s.shown, s.view], renderResponse);
  store.subscribe((s) => s.snippet, renderSnippetTabs);
  store.subscribe((s) => (s.shown ? [s.shown, s.snippet] : [s.snippet, s.draft.target, s.draft.body, s.world.Now]), renderSnippet);
}

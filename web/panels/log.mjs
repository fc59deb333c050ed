// @ts-check
// The Event log panel: every request sent, newest first; a click shows one again in the Response panel.
// Time travel: each call of the session has "Rewind to after call #n" (actions.rewindTo), the calls undone
// stay listed above the latest one, dimmed, as the redo branch ("Redo to after call #n"), and the panel's
// Undo and Redo buttons (Ctrl+Z; Ctrl+Shift+Z or Ctrl+Y, outside text fields) move one call back or forward.

import { $, h } from '../dom.mjs';
import { TARGET_PREFIX, operationOfTarget } from '../operations.mjs';
import { breakable, callerCell, formatTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/** @param {EventTarget | null} target  true for a field that has its own Ctrl+Z */
function takesText(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}

/** @param {string} target */
function operationCell(target) {
  const isAws = target.startsWith(`${TARGET_PREFIX}.`);
  const operation = isAws ? operationOfTarget(target) : target;
  return {
    operation,
    cell: h('td', { class: 'mono op-cell' }, isAws ? breakable(operation) : [h('span', { class: 'op-prefix' }, 'Simulator.'), breakable(operation.replace(/^Simulator\./, ''))]),
  };
}

/**
 * @param {HTMLElement} root  .panel-log
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const tbody = $('#log-table tbody', root);
  const undoButton = $('#log-undo', root);
  const redoButton = $('#log-redo', root);
  // Rows are drawn once per entry and drawn again only when what they show changed (a long session has
  // thousands: a rewind must not rebuild them all). The key holds everything a row shows besides its entry.
  /** @type {WeakMap<import('../store.mjs').LogEntry, {key: string, tr: HTMLElement}>} */
  const rows = new WeakMap();
  /** @type {WeakMap<import('../store.mjs').RedoCall, {key: string, tr: HTMLElement}>} */
  const undone = new WeakMap();

  /** @param {import('../store.mjs').LogEntry} entry */
  function show(entry) {
    store.update({ shown: entry });
    $('#response').scrollIntoView({ block: 'nearest' });
  }

  /**
   * After a rewind the row clicked may be gone or moved: the focus goes to the same call's button if it is
   * still there, else to the panel's Undo or Redo button.
   * @param {Promise<boolean>} done
   * @param {string} seq
   */
  function keepFocus(done, seq) {
    done.then(() => {
      const again = tbody.querySelector(`tr[data-seq="${seq}"] .rewind`);
      if (again instanceof HTMLElement) again.focus();
      else undoButton.focus();
    });
  }

  /** @param {PageState} state */
  function render(state) {
    const { log, sessionStart, redo, seq } = state;
    const last = log.length - 1;
    const names = new Map(state.world.Accounts.map((a) => [a.Id, a.Name]));
    const future = redo.map((call, i) => {
      const n = seq + i + 1;
      const key = `${n}|${call.caller === null ? '' : names.get(call.caller) ?? '?'}`;
      const cached = undone.get(call);
      if (cached && cached.key === key) return cached.tr;
      const tr = redoRow(call, n);
      undone.set(call, { key, tr });
      return tr;
    }).reverse();

    /** @param {import('../store.mjs').RedoCall} call @param {number} n */
    function redoRow(call, n) {
      const { operation, cell } = operationCell(call.target);
      return h('tr', { class: ['redo-row', call.caller === null && 'sim-row'], dataset: { seq: String(n), redo: 'true' } },
        h('td', null, h('span', { class: 'redo-seq' }, `#${n}`)),
        h('td', { class: 'nowrap mono time-cell muted' }, h('span', { class: 'redo-note' }, 'undone')),
        h('td', null, call.caller === null ? h('span', { class: 'muted' }, 'simulator') : callerCell(state, call.caller)),
        cell,
        h('td', { class: 'status-cell' }, call.status === null ? '' : h('span', { class: `badge ${call.status === 200 ? 'ok' : 'err'}` }, String(call.status))),
        h('td', { class: 'rewind-cell writes' }, h('button', {
          type: 'button', class: 'btn small rewind redo', 'aria-label': `Redo to after call #${n}`, title: `Redo to after call #${n} (${operation})`,
          onclick: () => keepFocus(actions.rewindTo(n), String(n)),
        }, h('span', { 'aria-hidden': 'true' }, '↷'))));
    }
    const past = log.map((entry, index) => {
      const key = [state.shown === entry, index === last ? (redo.length ? 2 : 1) : 0, index < sessionStart ? index === sessionStart - 1 : 'call',
        entry.caller === null ? '' : names.get(entry.caller) ?? '?'].join('|');
      const cached = rows.get(entry);
      if (cached && cached.key === key) return cached.tr;
      const tr = row(entry, index);
      rows.set(entry, { key, tr });
      return tr;
    }).reverse();
    // Only the rows above the oldest one that changed are replaced (a rewind changes the newest few).
    const next = [...future, ...past];
    const old = [...tbody.children];
    let kept = 0;
    while (kept < old.length && kept < next.length && old[old.length - 1 - kept] === next[next.length - 1 - kept]) kept++;
    for (const tr of old.slice(0, old.length - kept)) tr.remove();
    const fresh = document.createDocumentFragment();
    fresh.append(...next.slice(0, next.length - kept));
    tbody.insertBefore(fresh, kept ? next[next.length - kept] : null);

    /** @param {import('../store.mjs').LogEntry} entry @param {number} index */
    function row(entry, index) {
      const p = entry.parsed || {};
      const { operation, cell } = operationCell(entry.target);
      const shown = state.shown === entry;
      const scenarioStep = index < sessionStart;
      // The moment rewound to: a session call's, or the scenario's start (its last step's row).
      const rewindable = !scenarioStep || (index === sessionStart - 1);
      // (Not "scenario" in the name: getByLabel('Scenario') is the Scenario select.)
      const label = scenarioStep ? `Rewind to before call #${entry.seq + 1}` : `Rewind to after call #${entry.seq}`;
      return h('tr', { class: [shown && 'selected', entry.caller === null && 'sim-row', index === last && redo.length > 0 && 'now-row'], dataset: { seq: String(entry.seq) } },
        h('td', null, h('button', {
          type: 'button', class: 'link', 'aria-label': `Show #${entry.seq} ${operation}`, 'aria-pressed': shown ? 'true' : 'false',
          onclick: () => show(entry),
        }, `#${entry.seq}`)),
        h('td', { class: 'nowrap mono time-cell' }, entry.now ? [
          h('span', { class: 'time-date' }, formatTime(entry.now, { ms: false, zone: false }).slice(0, 10)),
          h('span', { class: 'time-clock' }, formatTime(entry.now, { ms: false, zone: false }).slice(11)),
        ] : '—'),
        h('td', null, entry.caller === null ? h('span', { class: 'muted' }, 'simulator') : callerCell(state, entry.caller)),
        cell,
        h('td', { class: 'status-cell' }, h('span', { class: `badge ${entry.status === 200 ? 'ok' : 'err'}` }, String(entry.status)),
          entry.status !== 200 && p.__type ? h('span', { class: 'status-type mono' }, breakable(String(p.__type))) : ''),
        h('td', { class: 'rewind-cell writes' }, index === last
          ? (redo.length ? h('span', { class: 'now-mark', title: 'The world now is the one right after this call' }, 'now') : '')
          : rewindable ? h('button', {
            type: 'button', class: 'btn small rewind', 'aria-label': label, title: scenarioStep ? `${label}: the world as the scenario built it` : `${label} (${operation})`,
            onclick: () => keepFocus(actions.rewindTo(scenarioStep ? 0 : entry.seq), String(entry.seq)),
          }, h('span', { 'aria-hidden': 'true' }, '↶')) : ''));
    }
  }

  /** @param {PageState} state */
  function renderButtons({ canUndo, canRedo, redo, seq }) {
    undoButton.setAttribute('aria-disabled', String(!canUndo));
    redoButton.setAttribute('aria-disabled', String(!canRedo));
    redoButton.setAttribute('aria-label', canRedo ? `Redo call #${seq + 1}${redo.length > 1 ? ` (${redo.length} undone)` : ''}` : 'Redo the call undone');
  }

  undoButton.addEventListener('click', () => { if (store.getState().canUndo) actions.undo(); });
  redoButton.addEventListener('click', () => { if (store.getState().canRedo) actions.redo(); });

  // Ctrl+Z / Ctrl+Shift+Z / Ctrl+Y (⌘ on a Mac) outside text fields, which keep their own undo.
  document.addEventListener('keydown', (event) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || takesText(event.target)) return;
    if (document.querySelector('dialog[open]')) return;
    const key = event.key.toLowerCase();
    const state = store.getState();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      if (state.canUndo) actions.undo();
    } else if ((key === 'z' && event.shiftKey) || (key === 'y' && !event.shiftKey)) {
      event.preventDefault();
      if (state.canRedo) actions.redo();
    }
  });

  store.subscribe((s) => [s.log, s.shown, s.world.Accounts, s.redo, s.sessionStart], render);
  store.subscribe((s) => [s.canUndo, s.canRedo, s.redo, s.seq], renderButtons, { now: true });
}

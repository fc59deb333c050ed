// @ts-check
// The Event log panel: every request sent, newest first; a click shows one again in the Response panel.

import { $, fill, h } from '../dom.mjs';
import { TARGET_PREFIX, operationOfTarget } from '../operations.mjs';
import { breakable, callerCell, formatTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  .panel-log
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, deps) {
  const tbody = $('#log-table tbody', root);

  /** @param {import('../store.mjs').LogEntry} entry */
  function show(entry) {
    store.update({ shown: entry });
    $('#response').scrollIntoView({ block: 'nearest' });
  }

  /** @param {PageState} state */
  function render(state) {
    fill(tbody, [...state.log].reverse().map((entry) => {
      const p = entry.parsed || {};
      const isAws = entry.target.startsWith(`${TARGET_PREFIX}.`);
      const operation = isAws ? operationOfTarget(entry.target) : entry.target;
      const shown = state.shown === entry;
      return h('tr', { class: [shown && 'selected', entry.caller === null && 'sim-row'], dataset: { seq: String(entry.seq) } },
        h('td', null, h('button', {
          type: 'button', class: 'link', 'aria-label': `Show #${entry.seq} ${operation}`, 'aria-pressed': shown ? 'true' : 'false',
          onclick: () => show(entry),
        }, `#${entry.seq}`)),
        h('td', { class: 'nowrap mono time-cell' }, entry.now ? [
          h('span', { class: 'time-date' }, formatTime(entry.now, { ms: false, zone: false }).slice(0, 10)),
          h('span', { class: 'time-clock' }, formatTime(entry.now, { ms: false, zone: false }).slice(11)),
        ] : '—'),
        h('td', null, entry.caller === null ? h('span', { class: 'muted' }, 'simulator') : callerCell(state, entry.caller)),
        h('td', { class: 'mono op-cell' }, isAws ? breakable(operation) : [h('span', { class: 'op-prefix' }, 'Simulator.'), breakable(operation.replace(/^Simulator\./, ''))]),
        h('td', { class: 'status-cell' }, h('span', { class: `badge ${entry.status === 200 ? 'ok' : 'err'}` }, String(entry.status)),
          entry.status !== 200 && p.__type ? h('span', { class: 'status-type mono' }, breakable(String(p.__type))) : ''));
    }));
  }

  store.subscribe((s) => [s.log, s.shown, s.world.Accounts], render);
}

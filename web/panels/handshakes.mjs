// @ts-check
// The Handshakes panel: every handshake of the world, newest first; a click selects one.

import { $, fill, h } from '../dom.mjs';
import { formatDuration } from '../format.mjs';
import { breakable, formatTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/** @param {import('../store.mjs').Handshake} hs */
function partiesText(hs) {
  return (hs.Parties || []).map((p) => `${p.Id} (${p.Type})`);
}

/**
 * @param {HTMLElement} root  .panel-handshakes
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const table = $('#handshakes-table', root);

  /** @param {PageState} state */
  function render({ world, selected }) {
    const list = [...world.Handshakes].sort((a, b) => (b.RequestedTimestamp || 0) - (a.RequestedTimestamp || 0));
    $('#handshakes-empty', root).hidden = list.length > 0;
    table.hidden = list.length === 0;
    fill($('tbody', table), list.map((hs) => {
      const live = hs.State === 'OPEN' || hs.State === 'REQUESTED';
      const left = (hs.ExpirationTimestamp || 0) - world.Now;
      const isSelected = hs.Id === selected;
      const requested = formatTime(hs.RequestedTimestamp, { ms: false });
      const [date, clock] = /^\d{4}-\d\d-\d\d /.test(requested) ? [requested.slice(0, 10), requested.slice(11)] : [requested, ''];
      // data-label names the column where a narrow panel shows each row as a card (styles.css).
      return h('tr', { class: isSelected ? 'selected' : null, dataset: { handshakeId: hs.Id, state: hs.State } },
        h('td', { class: 'col-id', dataset: { label: 'Id' } }, h('button', {
          type: 'button', class: 'link mono', 'aria-pressed': isSelected ? 'true' : 'false',
          onclick: () => actions.selectHandshake(hs.Id),
        }, hs.Id)),
        h('td', { class: 'col-action', dataset: { label: 'Action' } }, h('span', { class: 'cell' }, breakable(String(hs.Action)))),
        h('td', { class: 'col-state', dataset: { label: 'State' } }, h('span', { class: `badge state-${String(hs.State).toLowerCase()}` }, hs.State)),
        h('td', { class: 'parties', dataset: { label: 'Parties' } }, h('span', { class: 'cell' }, partiesText(hs).map((t) => h('span', { class: 'party' }, t)))),
        h('td', { class: 'col-requested', dataset: { label: 'Requested' } }, h('span', { class: 'cell' },
          h('span', { class: 'nowrap' }, date), clock ? [' ', h('span', { class: 'nowrap' }, clock)] : '')),
        h('td', { class: 'nowrap col-expires', dataset: { label: 'Expires in' } }, live ? formatDuration(left) : hs.State === 'EXPIRED' ? 'expired' : '—'));
    }));
  }

  store.subscribe((s) => [s.world, s.selected], render);
}

// @ts-check
// The Handshakes panel: every handshake of the world, newest first; a click selects one.

import { $, fill, h } from '../dom.mjs';
import { formatDuration } from '../format.mjs';
import { formatTime } from '../view.mjs';

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
      return h('tr', { class: isSelected ? 'selected' : null, dataset: { handshakeId: hs.Id, state: hs.State } },
        h('td', null, h('button', {
          type: 'button', class: 'link mono', 'aria-pressed': isSelected ? 'true' : 'false',
          onclick: () => actions.selectHandshake(hs.Id),
        }, hs.Id)),
        h('td', null, hs.Action),
        h('td', null, h('span', { class: `badge state-${String(hs.State).toLowerCase()}` }, hs.State)),
        h('td', { class: 'parties' }, partiesText(hs).map((t) => h('span', { class: 'party' }, t))),
        h('td', { class: 'nowrap' }, formatTime(hs.RequestedTimestamp, { ms: false })),
        h('td', { class: 'nowrap' }, live ? formatDuration(left) : hs.State === 'EXPIRED' ? 'expired' : '—'));
    }));
  }

  store.subscribe((s) => [s.world, s.selected], render);
}

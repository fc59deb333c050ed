// @ts-check
// The Handshakes panel: every handshake of the world, newest first; a click selects one. A world of
// thousands shows them PAGE_SIZE at a time (Newer / Older below the table): a call redraws one page, not
// every handshake. The page follows the selection when it changes (a call that answers with a handshake
// selects it). Rows are drawn again only when what the page shows changed.

import { $, fill, h } from '../dom.mjs';
import { formatDuration, groupDigits } from '../format.mjs';
import { breakable, formatTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */
/** @typedef {import('../store.mjs').Handshake} Handshake */

/** Rows on one page of the table. */
export const PAGE_SIZE = 50;

/** @param {Handshake} hs */
function partiesText(hs) {
  return (hs.Parties || []).map((p) => `${p.Id} (${p.Type})`);
}

/**
 * Newest first (by RequestedTimestamp; the engine's order among equals).
 * @param {Handshake[]} handshakes
 */
export function newestFirst(handshakes) {
  return [...handshakes].sort((a, b) => (b.RequestedTimestamp || 0) - (a.RequestedTimestamp || 0));
}

/**
 * @param {HTMLElement} root  .panel-handshakes
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const table = $('#handshakes-table', root);
  const tbody = $('tbody', table);
  // The table's scroll region is a Tab stop (it scrolls sideways on narrow screens): hidden with the table, so
  // that an empty world has no empty stop that the keyboard lands on and nothing shows.
  const wrap = /** @type {HTMLElement} */ (table.closest('.table-wrap'));
  const status = h('span', { class: 'muted small-text', id: 'handshakes-page', 'aria-live': 'polite' });
  const newer = h('button', { type: 'button', class: 'btn small', 'aria-label': 'Newer handshakes', onclick: () => turn(-1) }, 'Newer');
  const older = h('button', { type: 'button', class: 'btn small', 'aria-label': 'Older handshakes', onclick: () => turn(1) }, 'Older');
  const pager = h('div', { class: 'table-pager', role: 'group', 'aria-label': 'Handshakes pages', hidden: true },
    newer, ' ', older, ' ', status);
  wrap.after(pager);

  let page = 0;
  /** The selection the page last followed. @type {string | null} */
  let followed = null;
  /** What the drawn rows show, row by row (redrawn only when it changes). */
  let drawnKey = '';

  /** @param {number} step */
  function turn(step) {
    page += step;
    render(store.getState(), { keepPage: true });
  }

  /**
   * @param {PageState} state
   * @param {{keepPage?: boolean}} [options]
   */
  function render({ world, selected }, { keepPage = false } = {}) {
    const list = newestFirst(world.Handshakes);
    const pages = Math.max(1, Math.ceil(list.length / PAGE_SIZE));
    if (!keepPage && selected !== followed) {
      const at = selected ? list.findIndex((hs) => hs.Id === selected) : -1;
      if (at >= 0) page = Math.floor(at / PAGE_SIZE);
    }
    followed = selected;
    page = Math.min(Math.max(page, 0), pages - 1);
    const first = page * PAGE_SIZE;
    const shown = list.slice(first, first + PAGE_SIZE);
    $('#handshakes-empty', root).hidden = list.length > 0;
    wrap.hidden = list.length === 0;
    pager.hidden = pages < 2;
    if (pages > 1) {
      status.textContent = `${groupDigits(first + 1)}–${groupDigits(first + shown.length)} of ${groupDigits(list.length)}`;
      newer.setAttribute('aria-disabled', String(page === 0));
      older.setAttribute('aria-disabled', String(page === pages - 1));
    }
    const key = shown.map((hs) => [hs.Id, hs.State, hs.Action, hs.RequestedTimestamp, hs.ExpirationTimestamp,
      (hs.Parties || []).map((p) => `${p.Type}:${p.Id}`).join(','), hs.Id === selected,
      hs.State === 'OPEN' || hs.State === 'REQUESTED' ? world.Now : ''].join('|')).join('\n');
    if (key === drawnKey) return;
    drawnKey = key;
    fill(tbody, shown.map((hs) => {
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

  store.subscribe((s) => [s.world, s.selected], (state) => render(state));
}

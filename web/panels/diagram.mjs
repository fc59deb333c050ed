// @ts-check
// The State diagram panel: the lifecycle (the selected handshake's, or the one chosen), where the handshake
// stands, the moves the caller can make now, and the lifecycle table's rows for that state.

import { $, $select, fill, h } from '../dom.mjs';
import { accountById, currentCaller, selectedHandshake } from '../actions.mjs';
import { breakable } from '../view.mjs';
import { measureInFrame } from '../ui.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  .panel-diagram
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions, renderDiagram, movesFrom, relation }) {
  const select = $select('#lifecycle-action', root);
  const wrap = $('#diagram', root);
  const hint = $('#diagram-scroll-hint', root);
  select.addEventListener('change', () => actions.setLifecycleAction(select.value));

  // The drawing keeps its natural size (12 px text); where the panel is narrower, the region scrolls and
  // the hint above it says so. Measured in the next frame, when the page is laid out anyway.
  function updateHint() {
    // While the page starts its panels are not laid out (styles.css): measured once they are shown.
    if (!store.getState().ready) return;
    measureInFrame(() => {
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      return () => {
        hint.hidden = !scrolls;
        wrap.toggleAttribute('data-scrolls', scrolls);
        if (scrolls) wrap.setAttribute('aria-describedby', hint.id);
        else wrap.removeAttribute('aria-describedby');
      };
    });
  }
  // A drawing too wide for the region is drawn again narrower (roles on lines of their own): redraw when
  // the region's width changes. The region's width and the room inside it are read when the browser has laid
  // it out (the resize observer), so that a render does not force a layout of the page to know them.
  let drawnFor = 0;
  let width = 0;
  let waiting = false;
  let inside = 0;
  // The room was just read in a frame (measureThenDraw): the render that follows draws with it, even 0.
  let measured = false;
  function readRoom() {
    width = wrap.clientWidth;
    const style = getComputedStyle(wrap);
    inside = width - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  }
  // The first drawing once the panels are shown: the room is read in the next frame, when the page is laid
  // out for it anyway (reading it at once would lay out the whole page an extra time), then drawn before
  // that frame is painted.
  const measureThenDraw = () => {
    readRoom();
    return () => {
      measured = true;
      render(store.getState());
    };
  };
  if (typeof ResizeObserver === 'function') {
    new ResizeObserver((entries) => {
      // Nothing to read while the region is not laid out (reading would lay it out).
      if (!entries[entries.length - 1].contentRect.width) return;
      readRoom();
      if (width !== drawnFor) render(store.getState());
      else updateHint();
    }).observe(wrap);
  }

  /** @param {PageState} state */
  function renderSelect({ lifecycles, lifecycleAction }) {
    select.replaceChildren(...[...lifecycles.keys()].map((action) => h('option', { value: action }, action)));
    select.value = lifecycleAction;
  }

  /** @param {PageState} state */
  function render(state) {
    const hs = selectedHandshake(state);
    const lifecycle = state.lifecycles.get(state.lifecycleAction);
    select.value = state.lifecycleAction;
    if (!lifecycle) {
      fill(wrap, h('p', { class: 'muted' }, state.lifecycles.size ? 'No lifecycle available.' : 'Loading the lifecycle table…'));
      updateHint();
      return;
    }
    const current = hs && hs.Action === lifecycle.Action ? hs.State : null;
    // Moves found for another handshake (the new one is still being asked about) are not shown.
    const available = current && hs && state.moves.handshakeId === hs.Id ? state.available : new Set();
    if (!width && !measured) {
      // Not laid out yet: while the page starts its panels are not (styles.css), and the drawing waits for
      // them to be shown (state.ready), then for the frame that lays them out.
      waiting = true;
      if (state.ready) measureInFrame(measureThenDraw);
      return;
    }
    measured = false;
    waiting = false;
    drawnFor = width;
    // Those moves are buttons: a click fills the request (the handshake is the selected one), ready to send.
    const results = current && hs && state.moves.handshakeId === hs.Id && 'results' in state.moves ? state.moves.results : [];
    const offers = hs ? results.filter((r) => r.ok && r.to && r.to !== current && available.has(`${current}>${r.to}`))
      .map((r) => ({ key: `${current}>${r.to}`, operation: r.operation, label: `Fill the request: ${r.operation} on ${hs.Id}` })) : [];
    const onOffer = (/** @type {string} */ operation) => {
      actions.compose(operation);
      $('#send').focus();
    };
    const svg = renderDiagram(lifecycle, { current, just: current ? state.just : null, available, maxWidth: inside, offers: state.readonly ? [] : offers, onOffer });
    fill(wrap, svg);
    updateHint();
    fill($('#diagram-caption', root), hs && current
      ? [`Handshake `, h('span', { class: 'mono' }, hs.Id), ` is `, h('strong', { class: 'diagram-state' }, current), state.just ? ` (just moved from ${state.just.from})` : '', '.']
      : `The ${lifecycle.Action} lifecycle as the engine runs it. Select a handshake to see where it stands.`);
    const from = current || lifecycle.Initial;
    $('#moves-from-heading', root).textContent = `Moves from ${from}`;
    /** @type {{roles: string[]}} */
    const rel = hs && current ? relation(hs, accountById(state, currentCaller(state)), state.world, lifecycle) : { roles: [] };
    fill($('#moves-from tbody', root), movesFrom(lifecycle, from).map((t) => h('tr', { class: rel.roles.includes(t.Role) ? 'mine' : null },
      h('td', { class: 'mono' }, breakable(t.Operation)),
      h('td', null, t.Role),
      h('td', null, t.To
        ? [h('span', { class: 'badge ok' }, `→ ${t.To}`), t.Note ? [' ', breakable(t.Note)] : '']
        : [h('span', { class: 'badge err' }, breakable(String(t.Error))), t.Note ? [' ', breakable(t.Note)] : '']))));
  }

  store.subscribe((s) => s.lifecycles, renderSelect);
  store.subscribe((s) => [s.lifecycles, s.lifecycleAction, s.moves, s.available], render, { now: true });
  store.subscribe((s) => s.ready, (state) => { if (waiting) render(state); else updateHint(); });
}

// @ts-check
// "Legal moves" (in the Request panel): what the selected handshake allows the account the page acts as,
// asked of the engine (moves.mjs analyseMoves, Simulator.DescribeMoves) whenever the handshake, the world or the
// caller changes. The answer goes into the store (moves, available) for this list and the diagram.

import { $, fill, h } from '../dom.mjs';
import { accountById, currentCaller, errorMessage, selectedHandshake } from '../actions.mjs';
import { track } from '../ui.mjs';
import { callerLabel } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  .moves
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions, client, analyseMoves, relation }) {
  const list = $('#moves-list', root);
  const who = $('#moves-who', root);
  let token = 0;

  /** Ask the engine again. @param {PageState} state */
  function analyse(state) {
    return track(analyseNow(state));
  }

  /** @param {PageState} state */
  async function analyseNow(state) {
    const mine = ++token;
    const hs = selectedHandshake(state);
    if (!hs) {
      store.update({ moves: { handshakeId: null }, available: new Set() });
      return;
    }
    const caller = currentCaller(state);
    const lifecycle = state.lifecycles.get(hs.Action);
    const rel = relation(hs, accountById(state, caller), state.world, lifecycle);
    let results;
    try {
      results = await analyseMoves(client, caller, hs, lifecycle);
    } catch (err) {
      if (mine === token) store.update({ moves: { handshakeId: hs.Id, caller, error: errorMessage(err) } });
      return;
    }
    if (mine !== token) return;
    const moves = { handshakeId: hs.Id, caller, results, relationText: rel.text };
    const available = new Set(results.filter((r) => r.ok && r.to && r.to !== hs.State).map((r) => `${hs.State}>${r.to}`));
    // The same answer as before (a call that changed another handshake): the list and the diagram stay drawn.
    const now = store.getState();
    if (JSON.stringify(now.moves) === JSON.stringify(moves) && [...now.available].join() === [...available].join()) return;
    store.update({ moves, available });
  }

  /** @param {PageState} state */
  function render(state) {
    const { moves } = state;
    if (moves.handshakeId === null) {
      fill(who, 'Select a handshake in the Handshakes table to see what the current caller may do with it.');
      list.replaceChildren();
      return;
    }
    if ('error' in moves) {
      fill(who, `Could not check the moves: ${moves.error}`);
      return;
    }
    const hs = state.world.Handshakes.find((x) => x.Id === moves.handshakeId);
    if (!hs) return;
    fill(who, h('span', { class: 'mono' }, hs.Id), ` · ${hs.Action} · ${hs.State} · acting as ${callerLabel(state, moves.caller)}. ${moves.relationText}`);
    fill(list, moves.results.map((r) => {
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
          onclick: () => { actions.compose(r.operation); $('#send').focus(); },
        }, 'Compose'));
    }));
  }

  store.subscribe((s) => [s.selected, s.selectKey, s.world, s.caller, s.callerOther, s.lifecycles], analyse);
  store.subscribe((s) => s.moves, render);
}

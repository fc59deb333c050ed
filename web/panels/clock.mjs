// @ts-check
// The simulated clock in the top bar: the time now, and the buttons that move it on.

import { $, $input, $select } from '../dom.mjs';
import { announce } from '../ui.mjs';
import { formatTime, isoTime } from '../view.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  #clock
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const now = $('#clock-now', root);

  for (const button of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-advance]'))) {
    button.addEventListener('click', () => actions.advance(Number(button.dataset.advance)));
  }
  $('#advance-form', root).addEventListener('submit', (e) => {
    e.preventDefault();
    const amount = Number($input('#advance-amount', root).value);
    if (!Number.isFinite(amount) || amount < 0) { announce('Enter an amount of zero or more.'); return; }
    actions.advance(amount * Number($select('#advance-unit', root).value));
  });

  /** @param {PageState} state */
  function render({ world }) {
    now.textContent = formatTime(world.Now);
    now.setAttribute('datetime', isoTime(world.Now || 0));
  }
  store.subscribe((s) => s.world.Now, render);
}

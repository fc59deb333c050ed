// @ts-check
// The simulated clock in the top bar: the time now, and the buttons that move it on. Each button says what it
// does (its name and its tooltip: "Advance the clock 1 day"); "To expiry" moves the clock to one second past
// the selected handshake's expiration, so that an OPEN invitation is seen to expire.

import { $, $input, $select } from '../dom.mjs';
import { announce } from '../ui.mjs';
import { expiryOf } from '../actions.mjs';
import { formatTime, isoTime } from '../view.mjs';
import { groupDigits } from '../format.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/** A duration in words: "15 days, 1 second". @param {number} seconds */
function spokenDuration(seconds) {
  let rest = Math.max(0, Math.round(seconds));
  const parts = [];
  for (const [size, one] of /** @type {[number, string][]} */ ([[86400, 'day'], [3600, 'hour'], [60, 'minute'], [1, 'second']])) {
    const n = Math.floor(rest / size);
    rest -= n * size;
    if (n) parts.push(`${groupDigits(n)} ${one}${n === 1 ? '' : 's'}`);
  }
  return parts.join(', ') || '0 seconds';
}

const UNITS = /** @type {Record<string, [string, string]>} */ ({ 60: ['minute', 'minutes'], 3600: ['hour', 'hours'], 86400: ['day', 'days'] });

/**
 * @param {HTMLElement} root  #clock
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const now = $('#clock-now', root);
  const toExpiry = $('#to-expiry', root);
  const amount = $input('#advance-amount', root);
  const unit = $select('#advance-unit', root);
  const submit = $('#advance-submit', root);

  for (const button of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll('[data-advance]'))) {
    button.addEventListener('click', () => actions.advance(Number(button.dataset.advance)));
  }
  $('#advance-form', root).addEventListener('submit', (e) => {
    e.preventDefault();
    const value = Number(amount.value);
    if (!Number.isFinite(value) || value < 0) { announce('Enter an amount of zero or more.'); return; }
    actions.advance(value * Number(unit.value));
  });
  toExpiry.addEventListener('click', () => {
    if (toExpiry.getAttribute('aria-disabled') === 'true') announce(String(toExpiry.title));
    else actions.advanceToExpiry();
  });

  /** The Advance button says by how much: "Advance the clock 2 hours". */
  function describeAdvance() {
    const value = Number(amount.value);
    const [one, many] = UNITS[unit.value] || ['unit', 'units'];
    const what = Number.isFinite(value) && value >= 0 && amount.value.trim() !== ''
      ? `Advance the clock ${Number.isInteger(value) ? groupDigits(value) : value.toLocaleString('en-US', { maximumFractionDigits: 3 })} ${value === 1 ? one : many}`
      : 'Advance the clock by the amount and unit beside this button';
    submit.setAttribute('aria-label', what);
    submit.title = what;
  }
  amount.addEventListener('input', describeAdvance);
  unit.addEventListener('change', describeAdvance);
  describeAdvance();

  /** @param {PageState} state */
  function render({ world }) {
    now.textContent = formatTime(world.Now);
    now.setAttribute('datetime', isoTime(world.Now || 0));
  }

  /** "To expiry" is usable when the selected handshake can still expire; its name says where it lands. @param {PageState} state */
  function renderExpiry(state) {
    const target = expiryOf(state);
    const hs = state.world.Handshakes.find((x) => x.Id === state.selected);
    let what;
    if (target) {
      what = `To expiry: advance the clock ${spokenDuration(target.seconds)}, to 1 second past the expiration of handshake ${target.handshake.Id}`;
    } else if (hs) {
      what = `To expiry: handshake ${hs.Id} is ${hs.State} and can no longer expire`;
    } else {
      what = 'To expiry: select an open handshake first';
    }
    toExpiry.setAttribute('aria-disabled', String(!target || state.readonly));
    toExpiry.setAttribute('aria-label', what);
    toExpiry.title = what;
  }

  store.subscribe((s) => s.world.Now, render);
  store.subscribe((s) => [s.world, s.selected, s.readonly], renderExpiry, { now: true });
}

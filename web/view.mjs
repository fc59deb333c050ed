// @ts-check
// Display helpers shared by the panels.

import { h } from './dom.mjs';
import { formatTime as formatTimeText, isoTime as isoTimeText } from './format.mjs';
import { isValidClock } from './session.mjs';

/**
 * Times from the engine are shown only when they are dates the page can show (never "NaN", never a
 * RangeError from toISOString): anything else reads "(time out of range)".
 * @param {unknown} seconds
 * @param {{ms?: boolean, zone?: boolean}} [options]
 */
export function formatTime(seconds, options) {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return formatTimeText(seconds, options);
  return isValidClock(seconds) ? formatTimeText(seconds, options) : '(time out of range)';
}

/** @param {number} seconds */
export function isoTime(seconds) {
  return isValidClock(seconds) ? isoTimeText(seconds) : '';
}

/**
 * @param {import('./store.mjs').PageState} state
 * @param {string | null} id
 */
export function callerLabel(state, id) {
  if (id === null) return 'Simulator';
  const account = state.world.Accounts.find((a) => a.Id === id);
  return account ? `${account.Name} (${account.Id})` : id || '(none)';
}

/**
 * @param {import('./store.mjs').PageState} state
 * @param {string} id
 */
export function callerCell(state, id) {
  const account = state.world.Accounts.find((a) => a.Id === id);
  if (!account) return id || '(none)';
  return [h('span', { class: 'caller-name' }, account.Name), h('span', { class: 'caller-id mono' }, account.Id)];
}

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

/**
 * Text with long identifiers (InvalidHandshakeTransitionException, ADD_ORGANIZATIONS_SERVICE_LINKED_ROLE)
 * that a narrow table may break at their word boundaries instead of scrolling sideways: each such word is a
 * span.ident with <wbr> between the words of camel case and after "_" or "."; styles.css keeps it whole
 * (nowrap) where there is room and lets it break on narrow screens. The text read is unchanged.
 * @param {string} text
 * @returns {(string | HTMLElement)[]}
 */
export function breakable(text) {
  return String(text).split(/(\s+)/).map((word) => {
    const parts = word.split(/(?<=[a-z0-9][_.]?)(?=[A-Z][a-z])|(?<=[_.])(?=[A-Za-z0-9])/);
    return parts.length > 1 ? h('span', { class: 'ident' }, parts.flatMap((part, i) => (i ? [h('wbr', null), part] : [part]))) : word;
  });
}

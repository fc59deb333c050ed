// @ts-check
// The context bar, the last row of the top bar: who the page acts as (the lesson dock beside it is drawn by
// lessons.mjs, the shortcuts button opens panels/shortcuts.mjs). The top bar is sticky; on every width only
// part of it stays on screen once the page scrolls (this bar, and on wide screens the clock row too), and
// the page's scroll-padding-top is kept equal to that part, so that nothing the keyboard focuses is ever
// scrolled under it (WCAG 2.2, 2.4.11 Focus Not Obscured); a focused control only partly in view is scrolled
// wholly into it.

import { $, fill, h } from '../dom.mjs';
import { OTHER_CALLER } from '../store.mjs';
import { accountById, currentCaller } from '../actions.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/** Gap kept between the sticky part's top edge and what scrolls away above it, in px. */
const EDGE = 6;

/** @param {import('../store.mjs').Account} account */
function roleWords(account) {
  if (account.Role === 'MANAGEMENT') return `management account of ${account.OrganizationId}`;
  if (account.Role === 'MEMBER') return `member account of ${account.OrganizationId}`;
  if (account.Role === 'STANDALONE') return 'standalone account';
  return String(account.Role || '').toLowerCase();
}

/**
 * "Acting as ..." in words, for the context bar (and tests).
 * @param {PageState} state
 */
export function actingAsText(state) {
  const id = currentCaller(state);
  const account = accountById(state, id);
  if (account) return `Acting as ${account.Name} (${account.Id}), ${roleWords(account)}`;
  if (state.caller === OTHER_CALLER && id) return `Acting as account ${id} (not in this world)`;
  return 'Acting as nobody yet: choose an account in "Act as"';
}

/**
 * @param {HTMLElement} root  the top bar (header.topbar)
 * @param {import('../store.mjs').Store<PageState>} store
 */
export function mount(root, store) {
  const acting = $('#acting-as', root);
  const bar = $('#context-bar', root);
  const clock = $('#clock', root);
  const wide = window.matchMedia('(min-width: 860px)');

  /** @param {PageState} state */
  function render(state) {
    const id = currentCaller(state);
    const account = accountById(state, id);
    acting.title = actingAsText(state);
    if (account) {
      fill(acting,
        h('span', { class: 'acting-label' }, 'Acting as '),
        h('strong', { class: 'acting-name' }, account.Name), ' ',
        h('span', { class: 'acting-id mono' }, `(${account.Id})`), ' ',
        h('span', { class: 'acting-role' }, roleWords(account)));
    } else {
      fill(acting, h('span', { class: 'acting-label' }, actingAsText(state)));
    }
  }

  // How much of the top bar scrolls away (its sticky top is minus that) and how much stays (the page's
  // scroll-padding-top, with a little room): measured, so it holds whatever wraps at this width. Set on the two
  // elements that use them, not as custom properties of the root, which every element inherits: changing one
  // there restyled the whole page before the first frame of the drawn page.
  const html = document.documentElement;
  /** @param {number} hide how many px of the bar scroll away @param {number} covered how many stay */
  function keep(hide, covered) {
    root.style.top = `${-hide}px`;
    html.style.scrollPaddingTop = `calc(${covered}px + 0.5rem)`;
  }
  function measure() {
    if (getComputedStyle(root).position !== 'sticky') {
      keep(0, 0);
      return;
    }
    const keepFrom = wide.matches ? Math.min(clock.offsetTop, bar.offsetTop) : bar.offsetTop;
    const hide = Math.max(0, Math.floor(keepFrom - EDGE));
    keep(hide, Math.ceil(root.offsetHeight - hide));
  }

  // The observer's first call comes once the bar is laid out, before it is painted: measuring at mount
  // would lay the page out an extra time.
  new ResizeObserver(measure).observe(root);
  wide.addEventListener('change', measure);

  // Chrome scrolls to a control the keyboard focuses only when none of it is in view: the Tags box, last of the
  // tallest Request form, stayed a third under the fold at 1400x900. A control only partly in view (under the
  // bar, or past the bottom) is brought wholly into it, the scroll padding keeping it clear of the bar. The
  // bar's own controls, and controls taller than the space in view, are left where they are.
  document.addEventListener('focusin', (event) => {
    const el = event.target;
    if (!(el instanceof HTMLElement) || root.contains(el) || !el.matches(':focus-visible')) return;
    const padding = getComputedStyle(html);
    const top = parseFloat(padding.scrollPaddingTop) || 0;
    const bottom = window.innerHeight - (parseFloat(padding.scrollPaddingBottom) || 0);
    const box = el.getBoundingClientRect();
    if (box.height <= bottom - top && (box.top < top || box.bottom > bottom)) el.scrollIntoView({ block: 'nearest' });
  });
  store.subscribe((s) => [s.world, s.caller, s.callerOther], render, { now: true });
}

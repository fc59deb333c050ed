// @ts-check
// The message above the panels (#notice) and the one that says the page cannot go on (#fatal).

import { $, fill, h } from '../dom.mjs';

/** @typedef {import('../store.mjs').PageState} PageState */

/**
 * @param {HTMLElement} root  the document body (the two boxes sit outside the panels)
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions }) {
  const notice = $('#notice', root);
  const text = $('#notice-text', root);
  const fatal = $('#fatal', root);
  $('#notice-dismiss', root).addEventListener('click', () => actions.hideNotice());

  /** @param {PageState} state */
  function renderNotice({ notice: n }) {
    if (!n) {
      notice.hidden = true;
      text.replaceChildren();
      return;
    }
    notice.dataset.kind = n.kind;
    fill(text, n.title ? [h('strong', null, n.title), ' '] : null, n.message);
    notice.hidden = false;
  }

  /** @param {PageState} state */
  function renderFatal({ fatal: message }) {
    if (message === null) return;
    fatal.hidden = false;
    fatal.textContent = message;
  }

  store.subscribe((s) => s.notice, renderNotice);
  store.subscribe((s) => s.fatal, renderFatal);
}

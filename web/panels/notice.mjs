// @ts-check
// The message above the panels (#notice), with an action beside Dismiss when it has one ("Undo"), and the one
// that says the page cannot go on (#fatal).

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
  const dismiss = $('#notice-dismiss', root);
  dismiss.addEventListener('click', () => actions.hideNotice());
  const action = h('button', { type: 'button', id: 'notice-action', class: 'btn small notice-action', hidden: true });
  dismiss.before(action);
  /** @type {(() => void) | null} */
  let run = null;
  action.addEventListener('click', () => { if (run) run(); });

  /** @param {PageState} state */
  function renderNotice({ notice: n }) {
    run = n && n.action ? n.action.run : null;
    action.hidden = !run;
    action.textContent = n && n.action ? n.action.label : '';
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

// @ts-check
// "Two parties": two consoles side by side (stacked on phones), each acting as one account of the world.
// Each console has its own account picker, its own inbox (that account's ListHandshakesForAccount, with the
// moves it may make on each handshake as buttons), its own request form (composer.mjs) and Send, and its own
// response (panels/party-console.mjs, loaded when the layout is first shown). What a console shows is what
// the engine answers that caller (Simulator.DryRun and, for the moves, Simulator.DescribeMoves, which change
// nothing), so Susan's console shows what AWS would show Susan. Sends go through the page's normal path
// (actions.api.request): they land in the event log, the saved session and share links, and every console
// is asked again after every call, whichever console or panel made it.
//
// The layout (on or off) and the two accounts are kept in localStorage (LAYOUT_KEY, checked on read); an
// embed (`?embed=1&layout=two-parties`) takes the layout from its URL and stores nothing.

import { $ } from '../dom.mjs';
import { errorMessage } from '../actions.mjs';
import { readEmbedConfig } from '../embed.mjs';
import { track } from '../ui.mjs';

/**
 * @typedef {import('../store.mjs').PageState} PageState
 * @typedef {{layout: 'two-parties' | 'one', left: string | null, right: string | null}} LayoutRecord
 */

export const LAYOUT_KEY = 'handshake-playground:layout';
const ACCOUNT_ID = /^\d{12}$/;

/**
 * What localStorage holds for the layout, checked: a clean record, or null.
 * @param {Storage | null} storage
 * @returns {LayoutRecord | null}
 */
export function readLayout(storage) {
  let text = null;
  try { text = storage ? storage.getItem(LAYOUT_KEY) : null; } catch { return null; }
  if (typeof text !== 'string' || text.length > 200) return null;
  let doc;
  try { doc = JSON.parse(text); } catch { return null; }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) return null;
  if (doc.layout !== 'two-parties' && doc.layout !== 'one') return null;
  const id = (/** @type {unknown} */ v) => (typeof v === 'string' && ACCOUNT_ID.test(v) ? v : null);
  return { layout: doc.layout, left: id(doc.left), right: id(doc.right) };
}

function localStore() {
  try { return window.localStorage; } catch { return null; }
}

/**
 * @param {HTMLElement} root  #parties
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, deps) {
  const { actions } = deps;
  const { api } = actions;
  const toggle = $('#parties-toggle');
  const grid = $('.consoles', root);
  const config = readEmbedConfig(window.location);
  const storage = config.embed ? null : localStore();
  const saved = readLayout(storage);
  let on = config.layout === 'two-parties' || (!config.layout && saved?.layout === 'two-parties');
  /** Which account each console acts as (null: the default for the world). @type {Record<'left' | 'right', string | null>} */
  const chosen = { left: saved?.left ?? null, right: saved?.right ?? null };

  function save() {
    if (!storage) return;
    try { storage.setItem(LAYOUT_KEY, JSON.stringify({ layout: on ? 'two-parties' : 'one', left: chosen.left, right: chosen.right })); } catch { /* full or disabled */ }
  }

  /**
   * The two consoles, built when the layout is first shown: most visits never open it, and building both
   * (forms, pickers, code blocks) was 7.5 ms of the page's start (median of 5 cold loads, marked copy of web/).
   * @type {import('./party-console.mjs').Console[]}
   */
  let consoles = [];
  /** @type {Promise<void> | null} */
  let loading = null;

  function show() {
    toggle.setAttribute('aria-pressed', String(on));
    root.hidden = !on;
    document.documentElement.dataset.layout = on ? 'two-parties' : 'one';
    if (on) refreshAll();
  }

  toggle.addEventListener('click', () => {
    on = !on;
    save();
    show();
    api.announce(on ? 'Two parties: two consoles side by side, above the panels.' : 'Two parties closed: one request panel.');
    if (on) root.scrollIntoView({ block: 'nearest' });
  });

  // Every call, by any console, panel, lesson or host page, and every clock move: each console asks again.
  store.subscribe((s) => [s.world, s.log], () => { if (on && store.getState().ready) refreshAll(); });
  store.subscribe((s) => s.ready, () => { if (on) refreshAll(); });
  show();

  function refreshAll() {
    if (consoles.length) {
      for (const c of consoles) c.refresh();
      return;
    }
    // The consoles' code (party-console.mjs) comes with the first showing; a load that failed is tried again
    // by the next one.
    loading ??= track(import('./party-console.mjs')).then(({ createConsole }) => {
      const context = { grid, store, deps, chosen, save, consoles: () => consoles };
      consoles = /** @type {const} */ (['left', 'right']).map((side) => createConsole(side, context));
      if (on) refreshAll();
    }, (err) => {
      loading = null;
      actions.showNotice(`${errorMessage(err)}.`, { title: 'The two consoles could not be loaded.' });
    });
  }
}

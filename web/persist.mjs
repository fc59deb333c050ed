// @ts-check
// Never lose work. After every change the session (share.mjs's link format, session.mjs) goes into the
// address bar as its #s= fragment, with history.replaceState (no new history entry: Back leaves the page as
// it did, and coming back restores the session), and into localStorage together with the view: "Act as",
// the selection, the request being composed, the response shown (View in store.mjs). A reload opens the
// fragment and puts the view back; a visit without a fragment restores what localStorage holds.
//
// Everything read back (the address, localStorage) is hostile: the fragment goes through the same checks as
// any link (session.mjs decodeLink, then share.mjs checkOnScratch) and the view through checkView below.
// In embed mode nothing is read or written: an embed must not change its host's address or storage.

import { isSessionFragment, LIMITS } from './session.mjs';
import { encodeSession } from './session-encoder.mjs';
import { viewOf } from './actions.mjs';
import { afterPaint, serial, track } from './ui.mjs';

/**
 * @typedef {import('./store.mjs').PageState} PageState
 * @typedef {import('./store.mjs').View} View
 * @typedef {import('./store.mjs').Store<PageState>} PageStore
 * @typedef {import('./actions.mjs').PageApi} PageApi
 * @typedef {import('./embed.mjs').EmbedConfig} EmbedConfig
 * @typedef {{fragment: string, view: View | null, plain: boolean}} Stored
 *   plain: the session is the default scenario, untouched (no calls): restoring it is starting afresh.
 */

export const STORAGE_KEY = 'handshake-playground:session';
const STORED_VERSION = 1;
/** The largest record this page reads back from localStorage (characters). */
const MAX_STORED = LIMITS.fragment + 2 * LIMITS.body + 10000;

/** @param {unknown} value @returns {value is Record<string, any>} */
function isObject(value) {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** @param {unknown} value @param {number} max */
function text(value, max) {
  return typeof value === 'string' && value.length <= max ? value : null;
}

/**
 * A view read back from storage, checked member by member: a clean copy, or null when anything is off.
 * Whether its accounts, handshake and log index exist is for actions.applyView, against the world replayed.
 * @param {unknown} raw
 * @returns {View | null}
 */
export function checkView(raw) {
  if (!isObject(raw)) return null;
  const caller = text(raw.caller, LIMITS.caller);
  const callerOther = text(raw.callerOther, LIMITS.caller);
  const selected = raw.selected === null ? null : text(raw.selected, LIMITS.caller);
  const operation = text(raw.operation, 80);
  const formBody = text(raw.formBody, LIMITS.body);
  const rawTarget = text(raw.rawTarget, LIMITS.target);
  const rawBody = text(raw.rawBody, LIMITS.body);
  const snippet = text(raw.snippet, 40);
  const { mode, view, shownIndex } = raw;
  if (caller === null || callerOther === null || (raw.selected !== null && selected === null) || operation === null
    || formBody === null || rawTarget === null || rawBody === null || snippet === null) return null;
  if (mode !== 'form' && mode !== 'raw') return null;
  if (view !== 'wire' && view !== 'python') return null;
  if (!Number.isSafeInteger(shownIndex) || shownIndex < -1 || shownIndex > LIMITS.calls + 1000) return null;
  const redo = raw.redo === undefined ? null : checkRedo(raw.redo);
  return { caller, callerOther, selected, operation, mode, formBody, rawTarget, rawBody, shownIndex, view, snippet, ...(redo ? { redo } : {}) };
}

/**
 * A redo branch read back from storage: clean copies of its calls (as session.mjs checks a session's), or
 * null when anything is off (the view is kept without it).
 * @param {unknown} raw
 * @returns {import('./store.mjs').RedoCall[] | null}
 */
export function checkRedo(raw) {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > LIMITS.calls) return null;
  const calls = [];
  for (const call of raw) {
    if (!isObject(call)) return null;
    const caller = call.caller === null ? null : text(call.caller, LIMITS.caller);
    const target = text(call.target, LIMITS.target);
    const body = text(call.body, LIMITS.body);
    const { status } = call;
    if ((call.caller !== null && caller === null) || !target || body === null) return null;
    if (status !== null && !(Number.isInteger(status) && status >= 0 && status <= 999)) return null;
    calls.push({ caller, target, body, status });
  }
  return calls;
}

/**
 * What localStorage holds, checked: {fragment, view}, or null (nothing, unreadable, or not a session).
 * @param {Storage | null} storage
 * @returns {Stored | null}
 */
export function readStored(storage) {
  let textValue = null;
  try { textValue = storage ? storage.getItem(STORAGE_KEY) : null; } catch { return null; }
  if (typeof textValue !== 'string' || textValue.length > MAX_STORED) return null;
  let doc;
  try { doc = JSON.parse(textValue); } catch { return null; }
  if (!isObject(doc) || doc.version !== STORED_VERSION) return null;
  const fragment = text(doc.fragment, LIMITS.fragment + 2);
  if (fragment === null || !isSessionFragment(fragment)) return null;
  return { fragment, view: checkView(doc.view), plain: doc.plain === true };
}

/** @param {Storage | null} storage @param {Stored} record */
function writeStored(storage, record) {
  try { storage?.setItem(STORAGE_KEY, JSON.stringify({ version: STORED_VERSION, ...record })); } catch { /* full or disabled: the address bar still has it */ }
}

function localStore() {
  try { return window.localStorage; } catch { return null; }
}

/**
 * @param {PageStore} store
 * @param {PageApi} api
 * @param {EmbedConfig} config
 */
export function initPersistence(store, api, config) {
  const enabled = !config.embed;
  const storage = enabled ? localStore() : null;
  // The address is left alone on a ?lesson= page: a fragment there would open the session, not the lesson.
  const writeAddress = enabled && !config.lesson;
  /** The fragment of the session shown now, once it is known, and whether it is the untouched default. */
  let fragment = '';
  let plain = true;
  let started = false;

  /** What a reload should restore: null when the page starts from its address (a scenario, a lesson) or embeds. */
  function stored() {
    if (!enabled || config.scenario || config.lesson) return null;
    return readStored(storage);
  }

  function saveView() {
    if (!started || !fragment) return;
    const view = viewOf(store.getState());
    // A redo branch that would make the record larger than a reload reads is not kept (the session still is).
    if (view.redo && fragment.length + JSON.stringify(view).length + 100 > MAX_STORED) delete view.redo;
    writeStored(storage, { fragment, view, plain });
  }

  let viewQueued = false;
  /** saveView once the frame that shows the change is painted (localStorage writes wait; several coalesce). */
  function saveViewSoon() {
    if (viewQueued) return;
    viewQueued = true;
    track(afterPaint().then(() => { viewQueued = false; saveView(); }));
  }

  /**
   * The session into the address bar and localStorage, once the frame that shows the change is painted:
   * what it is made of is read in turn with the work that changed it (serial: the calls and the world's
   * export of one moment), and encoded in a worker (session-encoder.mjs: the digest is O(world), the link
   * O(session)), so that neither delays the answer to a click nor holds up the next one. Saves finish in
   * the order they were asked; one overtaken by a newer one writes nothing.
   */
  let asked = 0;
  let written = 0;
  function saveSession() {
    if (!started) return undefined;
    const mine = ++asked;
    return track(serial(async () => {
      await afterPaint();
      return api.sessionPartsNow();
    }).then(async ({ session, world }) => {
      const encoded = await encodeSession(session, world);
      if (mine < written) return;
      written = mine;
      writeSession(session, encoded);
    }).catch(() => { /* the engine could not export the world: the last save stays */ }));
  }

  /**
   * @param {Omit<import('./session.mjs').Session, 'worldDigest'>} session
   * @param {string} encoded  its link's fragment
   */
  function writeSession(session, encoded) {
    fragment = encoded;
    plain = session.calls.length === 0 && session.scenario === 'docs' && session.seed === 0;
    if (writeAddress) {
      const hash = window.location.hash.slice(1);
      const base = `${window.location.pathname}${window.location.search}`;
      // A fresh default world needs no fragment (the address stays the page's own).
      if (plain) { if (isSessionFragment(hash)) history.replaceState(history.state, '', base); }
      else if (hash !== fragment) history.replaceState(history.state, '', `${base}#${fragment}`);
    }
    saveView();
  }

  /** Start saving (once the page has started: the start itself is not work). */
  function start() {
    if (!enabled || started) return undefined;
    started = true;
    store.subscribe((s) => [s.log, s.scenario, s.seed], saveSession);
    store.subscribe((s) => [s.caller, s.callerOther, s.selected, s.operation, s.mode, s.draft, s.shown, s.view, s.snippet, s.redo], saveViewSoon);
    return saveSession();
  }

  return { stored, start, save: saveSession, get fragment() { return fragment; } };
}

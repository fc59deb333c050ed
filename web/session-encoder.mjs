// @ts-check
// The session link, encoded in a worker of its own (session-worker.mjs) so that saving after a call costs
// the page's main thread nothing of O(world) or O(session). Where a worker cannot be used (none in this
// browser, or it failed to load), the link is encoded here, with the same result.
import { digest, encodeLink } from './session.mjs';

/** @typedef {import('./session.mjs').Session} Session */

/** @type {Worker | null} */
let worker = null;
let broken = false;
let nextId = 1;
/** @type {Map<number, {resolve: (fragment: string) => void, reject: (error: Error) => void, session: Omit<Session, 'worldDigest'>, world: string | null}>} */
const waiting = new Map();

/** @param {Omit<Session, 'worldDigest'>} session @param {string | null} world */
function encodeHere(session, world) {
  return encodeLink({ ...session, worldDigest: world === null ? null : digest(world) });
}

/** The worker, started at most once; null when this page cannot have one. */
function theWorker() {
  if (worker || broken) return worker;
  if (typeof Worker !== 'function') { broken = true; return null; }
  try {
    worker = new Worker(new URL('./session-worker.mjs', import.meta.url), { type: 'module' });
  } catch {
    broken = true;
    return null;
  }
  worker.addEventListener('message', (event) => {
    const { id, fragment, error } = event.data || {};
    const entry = waiting.get(id);
    if (!entry) return;
    waiting.delete(id);
    if (typeof fragment === 'string') entry.resolve(fragment);
    else entry.reject(new Error(String(error)));
  });
  worker.addEventListener('error', (event) => {
    // It could not load: what it was asked is encoded here, and so is everything after.
    event.preventDefault();
    broken = true;
    worker = null;
    for (const entry of waiting.values()) encodeHere(entry.session, entry.world).then(entry.resolve, entry.reject);
    waiting.clear();
  });
  return worker;
}

/**
 * encodeLink's fragment for the session whose world Simulator.ExportWorld described as `world` (null: the
 * engine could not export it, no digest).
 * @param {Omit<Session, 'worldDigest'>} session
 * @param {string | null} world
 * @returns {Promise<string>}
 */
export function encodeSession(session, world) {
  // A session of no calls (the world the page started with, saved once it has started) has a short link and
  // a small world: encoded here, so that the worker starts with the first save that needs it.
  if (session.calls.length === 0 && !worker) return encodeHere(session, world);
  const w = theWorker();
  if (!w) return encodeHere(session, world);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject, session, world });
    w.postMessage({ id, session, world });
  });
}

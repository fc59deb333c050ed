// @ts-check
// Page services that are not state: work in flight (<html data-pending>), the live region, the clipboard,
// one-at-a-time actions, arrow keys in tab lists.

import { $ } from './dom.mjs';

// Work in flight (engine calls, renders that wait for the engine). <html data-pending> shows the count so
// that tests and the page benchmark can tell when the page has settled.
let pending = 0;

/** @param {number} delta */
export function setPending(delta) {
  pending += delta;
  document.documentElement.dataset.pending = String(pending);
}

// Of that work, how much the page does not wait for to be shown at the start (the Request panel's preview,
// measuring in the next frame): it draws into space already reserved for it.
let background = 0;

/** Work in flight that the start does not wait for (counted in <html data-pending> too). @param {number} delta */
export function setPendingBackground(delta) {
  background += delta;
  setPending(delta);
}

/** Work in flight other than background work. */
export function foregroundPending() {
  return pending - background;
}

/**
 * @template T
 * @param {Promise<T>} promise
 * @returns {Promise<T>}
 */
export async function track(promise) {
  setPending(1);
  try { return await promise; } finally { setPending(-1); }
}

// Everything that changes the world runs one at a time, in the order asked (user, host page, lesson).
/** @type {Promise<unknown>} */
let chain = Promise.resolve();

/**
 * @template T
 * @param {() => T | Promise<T>} fn
 * @returns {Promise<T>}
 */
export function serial(fn) {
  const run = chain.then(fn, fn);
  chain = run.catch(() => {});
  return run;
}

/**
 * Resolves once the next frame was painted: work that can wait (the world after a call's answer, saving
 * the session) goes after the frame that shows the answer. At most 100 ms: a hidden page paints no frames.
 * The work resumes as a background task (`scheduler.postTask`, where the browser has it): what the browser
 * has queued meanwhile (input, a message) goes first, so nothing waits behind the world's refresh.
 * @returns {Promise<void>}
 */
export function afterPaint() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    const done = () => { clearTimeout(timer); resolve(); };
    requestAnimationFrame(() => {
      if (taskScheduler) taskScheduler.postTask(done, { priority: 'background' });
      else setTimeout(done, 0);
    });
  });
}

/** The Prioritized Task Scheduling API where the browser has it (Chromium), else null. */
const taskScheduler = /** @type {{scheduler?: {postTask?: (task: () => void, options: {priority: string}) => Promise<void>}}} */ (globalThis).scheduler?.postTask
  ? /** @type {{postTask: (task: () => void, options: {priority: string}) => Promise<void>}} */ (/** @type {any} */ (globalThis).scheduler)
  : null;

/** @type {Set<() => (void | (() => void))>} */
const frameReads = new Set();

/**
 * Measure in the next frame: `read` runs before that frame is painted, when the browser lays the page out
 * anyway (so a render never forces a layout of its own), and returns what to write from what it read. All
 * reads of a frame run first, then all the writes, so the page is laid out once more at most. Asked several
 * times before the frame, `read` runs once. A hidden page paints no frames: then after 100 ms.
 * @param {() => (void | (() => void))} read
 */
export function measureInFrame(read) {
  if (frameReads.size === 0) {
    setPendingBackground(1);
    let done = false;
    const run = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      const reads = [...frameReads];
      frameReads.clear();
      try {
        const writes = reads.map((r) => r());
        for (const write of writes) if (write) write();
      } finally {
        setPendingBackground(-1);
      }
    };
    const timer = setTimeout(run, 100);
    requestAnimationFrame(run);
  }
  frameReads.add(read);
}

// Live region: emptied first, then filled a moment later, so that a repeated message is announced again.
/** @type {ReturnType<typeof setTimeout> | 0} */
let announceTimer = 0;

/** @param {string} text */
export function announce(text) {
  const region = $('#announcer');
  region.textContent = '';
  if (announceTimer) { clearTimeout(announceTimer); setPending(-1); }
  setPending(1);
  announceTimer = setTimeout(() => {
    announceTimer = 0;
    region.textContent = text;
    setPending(-1);
  }, 60);
}

/**
 * @param {string} text
 * @param {string} what
 */
export async function copyText(text, what) {
  try {
    await navigator.clipboard.writeText(text);
    announce(`${what} copied to the clipboard.`);
  } catch {
    announce(`Could not use the clipboard; select the ${what.toLowerCase()} and copy it.`);
  }
}

/**
 * Arrow keys, Home and End move between the tabs of a tab list.
 * @param {HTMLElement} container
 * @param {string} selector
 */
export function tabKeys(container, selector) {
  container.addEventListener('keydown', (event) => {
    const tabs = /** @type {HTMLElement[]} */ ([...container.querySelectorAll(selector)]);
    const index = tabs.indexOf(/** @type {HTMLElement} */ (document.activeElement));
    if (index < 0) return;
    let next = -1;
    if (event.key === 'ArrowRight') next = (index + 1) % tabs.length;
    else if (event.key === 'ArrowLeft') next = (index - 1 + tabs.length) % tabs.length;
    else if (event.key === 'Home') next = 0;
    else if (event.key === 'End') next = tabs.length - 1;
    if (next < 0) return;
    event.preventDefault();
    tabs[next].click();
    /** @type {HTMLElement} */ (container.querySelectorAll(selector)[next]).focus();
  });
}

/** @param {string} text */
export function parseJson(text) {
  try { return JSON.parse(text); } catch { return undefined; }
}

/**
 * Put text into the Request panel's raw editor as if it were typed (an input event each), so that the panel
 * takes it as its own: a restored or undone session's draft.
 * @param {string} target
 * @param {string} body
 */
export function fillRawEditor(target, body) {
  for (const [selector, value] of [['#raw-target', target], ['#raw-body', body]]) {
    const field = /** @type {HTMLInputElement | HTMLTextAreaElement} */ ($(selector));
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

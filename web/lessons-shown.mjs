// @ts-check
// Whether the learner keeps the lessons shown or hidden (localStorage): read at the start by app.mjs, which
// loads the lessons (lessons.mjs, checks.mjs) only when they are shown or asked for, and by lessons.mjs.

const HIDDEN_KEY = 'handshake-playground:lessons-hidden';

/** Whether the learner hid the lessons (true) or showed them (false) on an earlier visit; null: never chose. */
export function rememberedHidden() {
  try {
    const value = window.localStorage.getItem(HIDDEN_KEY);
    return value === null ? null : value === 'true';
  } catch { return null; }
}

/** @param {boolean} hidden */
export function rememberHidden(hidden) {
  try { window.localStorage.setItem(HIDDEN_KEY, String(hidden)); } catch { /* storage refused: not remembered */ }
}

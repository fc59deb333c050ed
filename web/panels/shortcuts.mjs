// @ts-check
// "Keyboard shortcuts": a modal <dialog> listing the keys the page answers to. "?" opens it from anywhere
// except a field that takes text (there "?" is typed), and so does the "Keyboard shortcuts" button in the
// top bar. Escape or Close closes it, and the keyboard goes back where it was.

import { $, fill, h } from '../dom.mjs';

/** What the page answers to: [keys (each one <kbd>), what they do]. */
export const SHORTCUTS = /** @type {[string[][], string][]} */ ([
  [[['Ctrl', 'Enter'], ['⌘', 'Enter']], 'Send the request (anywhere in the Request panel)'],
  [[['Ctrl', 'Z'], ['⌘', 'Z']], 'Undo the last call: rewind the world to before it (when the focus is not in a text field)'],
  [[['Ctrl', 'Shift', 'Z'], ['Ctrl', 'Y'], ['⌘', 'Shift', 'Z']], 'Redo the call undone'],
  [[['?']], 'Open this list (when the focus is not in a text field)'],
  [[['Esc']], 'Close this list'],
  [[['←'], ['→'], ['Home'], ['End']], 'Move between tabs: Form / Raw JSON, and the code tabs'],
  [[['Tab'], ['Shift', 'Tab']], 'Move to the next or previous control; the first Tab offers "Skip to the request"'],
  [[['Space'], ['Enter']], 'Press the focused button, or open a select'],
]);

/** @param {EventTarget | null} target */
function takesText(target) {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}

/** @param {HTMLElement} root  the body */
export function mount(root) {
  const dialog = /** @type {HTMLDialogElement} */ ($('#shortcuts-dialog', root));
  const opener = $('#shortcuts-open', root);
  /** @type {HTMLElement | null} */
  let returnTo = null;

  fill($('#shortcuts-list', dialog), SHORTCUTS.map(([combos, what]) => h('tr', null,
    h('td', { class: 'shortcut-keys' }, combos.map((keys, i) => [
      i ? h('span', { class: 'muted' }, ' or ') : null,
      h('span', { class: 'combo' }, keys.map((key, j) => [j ? ' + ' : null, h('kbd', null, key)])),
    ])),
    h('td', null, what))));

  function open() {
    if (dialog.open) return;
    returnTo = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : opener;
    dialog.showModal();
    $('#shortcuts-close', dialog).focus();
  }

  opener.addEventListener('click', open);
  $('#shortcuts-close', dialog).addEventListener('click', () => dialog.close());
  // A click on the backdrop (outside the dialog's box) closes it too.
  dialog.addEventListener('click', (event) => { if (event.target === dialog) dialog.close(); });
  dialog.addEventListener('close', () => {
    const back = returnTo && returnTo.isConnected ? returnTo : opener;
    returnTo = null;
    back.focus();
  });
  document.addEventListener('keydown', (event) => {
    if (event.key !== '?' || event.ctrlKey || event.metaKey || event.altKey || event.defaultPrevented) return;
    if (dialog.open || takesText(event.target)) return;
    event.preventDefault();
    open();
  });
}

// @ts-check
// Tiny DOM builder. Every piece of text goes through textContent / createTextNode:
// nothing in this page is ever parsed as HTML.

const SVG_NS = 'http://www.w3.org/2000/svg';

/**
 * A child for h(), s() and fill(): nodes as they are, text as text nodes; null, undefined and false are
 * skipped; arrays are flattened.
 * @typedef {Node | string | number | boolean | null | undefined | readonly any[]} Child
 * @typedef {Record<string, any> | null | undefined} Attrs
 */

/**
 * @param {Element} el
 * @param {Attrs} attrs
 */
function apply(el, attrs) {
  const any = /** @type {any} */ (el);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.setAttribute('class', Array.isArray(value) ? value.filter(Boolean).join(' ') : value);
    else if (key === 'dataset') Object.assign(any.dataset, value);
    else if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'text') el.textContent = String(value);
    else if (key === 'value' && 'value' in el) any.value = value;
    else if (key === 'checked' || key === 'selected' || key === 'disabled' || key === 'hidden') any[key] = Boolean(value);
    else el.setAttribute(key, value === true ? '' : String(value));
  }
}

/**
 * @param {Element} el
 * @param {Child[]} children
 */
function append(el, children) {
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/**
 * h('button', {class: 'x', onclick}, 'text', child, ...)
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} attrs
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  apply(el, attrs);
  append(el, children);
  return el;
}

/**
 * The same for SVG elements.
 * @template {keyof SVGElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} attrs
 * @param {...Child} children
 * @returns {SVGElementTagNameMap[K]}
 */
export function s(tag, attrs, ...children) {
  const el = /** @type {SVGElementTagNameMap[K]} */ (document.createElementNS(SVG_NS, tag));
  apply(el, attrs);
  append(el, children);
  return el;
}

/**
 * Replace all children of el.
 * @template {Element} E
 * @param {E} el
 * @param {...Child} children
 * @returns {E}
 */
export function fill(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * The element the selector finds; throws when there is none.
 * @param {string} selector
 * @param {ParentNode} [root]
 * @returns {HTMLElement}
 */
export function $(selector, root = document) {
  const el = root.querySelector(selector);
  if (!el) throw new Error(`missing element ${selector}`);
  return /** @type {HTMLElement} */ (el);
}

/**
 * The element the selector finds, checked to be of the given class; throws otherwise.
 * @template {Element} E
 * @param {string} selector
 * @param {{new (...args: any[]): E, prototype: E}} type
 * @param {ParentNode} [root]
 * @returns {E}
 */
export function $as(selector, type, root = document) {
  const el = root.querySelector(selector);
  if (!(el instanceof type)) throw new Error(el ? `element ${selector} is not a ${type.name}` : `missing element ${selector}`);
  return el;
}

/** @param {string} selector @param {ParentNode} [root] */
export const $input = (selector, root) => $as(selector, HTMLInputElement, root);
/** @param {string} selector @param {ParentNode} [root] */
export const $select = (selector, root) => $as(selector, HTMLSelectElement, root);
/** @param {string} selector @param {ParentNode} [root] */
export const $textarea = (selector, root) => $as(selector, HTMLTextAreaElement, root);

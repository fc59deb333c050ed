// @ts-check
// The Sequence diagram panel: the session as lifelines and arrows (web/sequence.mjs). Each call's arrow is a
// button: selecting it shows that call's request and response below the drawing, with "Rewind to here" when
// the page can rewind. "Download SVG" saves a standalone file; "Copy Mermaid" puts the same story on the
// clipboard as a Mermaid sequenceDiagram. Every name and id reaches the drawing as text (textContent).
// The drawing's module (web/sequence.mjs) is loaded when the panel is first drawn, near the screen, or one of
// its buttons is used: a first visit's start never reaches the panel at the page's foot, so it fetches none of it.

import { $, fill, h, s } from '../dom.mjs';
import { copyText, announce, measureInFrame, track } from '../ui.mjs';

/**
 * @typedef {typeof import('../sequence.mjs')} SequenceModule
 * @typedef {import('../store.mjs').PageState} PageState
 * @typedef {import('../sequence.mjs').TreeNode} TreeNode
 * @typedef {import('../sequence.mjs').CallStep} CallStep
 */

/**
 * SVG elements from the layout tree: attributes set one by one, text as text nodes.
 * @param {TreeNode | string} n
 * @returns {Node}
 */
function toSvg(n) {
  if (typeof n === 'string') return document.createTextNode(n);
  const el = s(/** @type {keyof SVGElementTagNameMap} */ (n.tag), null);
  for (const [k, v] of Object.entries(n.attrs)) el.setAttribute(k, String(v));
  for (const child of n.children) el.append(toSvg(child));
  return el;
}

/**
 * @param {HTMLElement} root  .panel-sequence
 * @param {import('../store.mjs').Store<PageState>} store
 * @param {import('../app.mjs').Deps} deps
 */
export function mount(root, store, { actions, prettyJson, loadSequence }) {
  /** @type {Promise<SequenceModule> | null} */
  let loading = null;
  /** Loaded once (tried again after a failure); the page's pending count covers the fetch. */
  const sequence = () => (loading ??= track(loadSequence()).catch((err) => {
    loading = null;
    throw err;
  }));
  const NOT_LOADED = 'The sequence diagram could not be loaded. Scroll away and back, or use the button again, to retry.';
  /** The module once loaded, else null. @type {SequenceModule | null} */
  let loaded = null;
  const wrap = $('#sequence', root);
  const hint = $('#sequence-scroll-hint', root);
  const detail = $('#sequence-detail', root);
  const empty = $('#sequence-empty', root);
  /** The seq of the selected call (kept across redraws), 0 for none. */
  let selectedSeq = 0;

  /** @param {SequenceModule} m */
  const model = (m) => {
    const { log, world } = store.getState();
    return m.sequenceModel(log, world);
  };

  $('#sequence-mermaid', root).addEventListener('click', async () => {
    const m = await sequence().catch(() => null);
    if (!m) { announce(NOT_LOADED); return; }
    copyText(m.mermaidText(model(m)), 'Mermaid text');
  });
  $('#sequence-svg', root).addEventListener('click', async () => {
    const m = await sequence().catch(() => null);
    if (!m) { announce(NOT_LOADED); return; }
    const url = URL.createObjectURL(new Blob([m.svgText(model(m))], { type: 'image/svg+xml' }));
    const a = h('a', { href: url, download: 'handshake-session.svg', hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    announce('Sequence diagram saved as handshake-session.svg.');
  });

  // Measured in the next frame, when the page is laid out anyway: a render never forces a layout.
  function updateHint() {
    // While the page starts its panels are not laid out (styles.css): measured once they are shown.
    if (!store.getState().ready) return;
    measureInFrame(() => {
      const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
      return () => {
        hint.hidden = !scrolls;
        if (scrolls) wrap.setAttribute('aria-describedby', hint.id);
        else wrap.removeAttribute('aria-describedby');
      };
    });
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(updateHint).observe(wrap);

  /** @param {number} seq */
  function select(seq) {
    selectedSeq = seq;
    if (loaded) render(store.getState(), loaded);
    /** @type {HTMLElement | null} */ (wrap.querySelector(`[data-seq="${seq}"]`))?.focus();
  }

  /** @param {string} text */
  const pretty = (text) => (text ? prettyJson(text) ?? text : '(empty)');

  /**
   * @param {PageState} state
   * @param {SequenceModule} sq
   */
  function render(state, sq) {
    const { sequenceTree, callLabel, callResult } = sq;
    const m = sq.sequenceModel(state.log, state.world);
    const calls = /** @type {CallStep[]} */ (m.steps.filter((st) => st.kind === 'call'));
    empty.hidden = calls.length > 0;
    wrap.hidden = calls.length === 0;
    for (const b of root.querySelectorAll('.sequence-tools button')) b.toggleAttribute('disabled', calls.length === 0);
    if (!calls.some((c) => c.seq === selectedSeq)) selectedSeq = 0;
    const selectedIndex = m.steps.findIndex((st) => st.kind === 'call' && st.seq === selectedSeq);
    const svg = /** @type {SVGSVGElement} */ (toSvg(sequenceTree(m, { idPrefix: 'seq', selected: selectedIndex })));
    svg.setAttribute('role', 'group');
    svg.setAttribute('aria-label', `Sequence diagram: ${m.participants.map((p) => p.name).join(', ')}; ${calls.length} call${calls.length === 1 ? '' : 's'}`);
    const name = (/** @type {string} */ id) => m.participants.find((p) => p.id === id)?.name ?? '';
    for (const g of svg.querySelectorAll('[data-step]')) {
      const st = /** @type {CallStep} */ (m.steps[Number(g.getAttribute('data-step'))]);
      g.setAttribute('role', 'button');
      g.setAttribute('tabindex', '0');
      g.setAttribute('aria-pressed', st.seq === selectedSeq ? 'true' : 'false');
      g.setAttribute('aria-label', `${callLabel(st)} by ${name(st.from)}${st.to !== st.from ? ` to ${name(st.to)}` : ''}: ${callResult(st)}`);
      g.querySelector('title')?.remove();
      g.addEventListener('click', () => select(st.seq === selectedSeq ? 0 : st.seq));
      // The browser scrolls a focused SVG element into view vertically only: bring it into the region
      // sideways too, so the arrow in focus is never cut off (WCAG 2.4.11).
      g.addEventListener('focus', () => g.scrollIntoView({ block: 'nearest', inline: 'nearest' }));
      g.addEventListener('keydown', (e) => {
        const key = /** @type {KeyboardEvent} */ (e).key;
        if (key === 'Enter' || key === ' ') { e.preventDefault(); select(st.seq === selectedSeq ? 0 : st.seq); }
      });
    }
    fill(wrap, svg);
    updateHint();

    const st = calls.find((c) => c.seq === selectedSeq);
    const entry = st ? state.log[st.index] : null;
    detail.hidden = !entry;
    if (!st || !entry) { detail.replaceChildren(); return; }
    const rewind = /** @type {any} */ (actions).rewindTo;
    fill(detail,
      h('h3', { id: 'sequence-detail-heading' }, `${callLabel(st)}`),
      h('p', { class: 'field-hint' }, `By ${name(st.from)} (${entry.caller}) · `, h('span', { class: `badge ${st.status === 200 ? 'ok' : 'err'}` }, callResult(st)),
        st.handshakeId ? [' · handshake ', h('span', { class: 'mono' }, st.handshakeId)] : ''),
      h('div', { class: 'sequence-io' },
        h('div', null, h('p', { class: 'preview-label', id: 'sequence-request-label' }, 'Request'),
          h('pre', { class: 'code small', tabindex: '0', 'aria-labelledby': 'sequence-request-label' }, h('code', { id: 'sequence-request' }, pretty(entry.body)))),
        h('div', null, h('p', { class: 'preview-label', id: 'sequence-response-label' }, `Response (${entry.status})`),
          h('pre', { class: 'code small', tabindex: '0', 'aria-labelledby': 'sequence-response-label' }, h('code', { id: 'sequence-response' }, pretty(entry.response))))),
      h('div', { class: 'sequence-actions' },
        h('button', { type: 'button', class: 'btn small', onclick: () => store.update({ shown: entry }) }, 'Show in the Response panel'),
        typeof rewind === 'function' && !state.readonly
          ? h('button', { type: 'button', class: 'btn small', onclick: () => rewind(st.seq) }, `Rewind to here (#${st.seq})`) : null));
  }

  // Drawn only while the panel is on screen or near it, so a call or a rewind costs what is visible: a
  // change made while it is out of sight (or before the drawing's module has come) marks the drawing stale,
  // and it is drawn as it scrolls into view.
  let nearScreen = typeof IntersectionObserver !== 'function';
  let stale = false;
  let fetching = false;
  /** @param {PageState} state */
  const draw = (state) => {
    stale = !nearScreen || !loaded;
    root.dataset.stale = String(stale);
    if (!nearScreen) return;
    if (loaded) { render(state, loaded); return; }
    if (fetching) return;
    fetching = true;
    sequence().then((m) => { loaded = m; }, () => {
      wrap.hidden = false;
      fill(wrap, h('p', { class: 'muted' }, NOT_LOADED));
    }).finally(() => {
      fetching = false;
      if (loaded) draw(store.getState());
    });
  };
  if (!nearScreen) {
    new IntersectionObserver((entries) => {
      nearScreen = entries.some((e) => e.isIntersecting);
      if (nearScreen && stale) draw(store.getState());
    }, { rootMargin: '400px 0px' }).observe(root);
  }
  store.subscribe((st) => [st.log, st.world], draw, { now: true });
  store.subscribe((st) => st.ready, updateHint);
}

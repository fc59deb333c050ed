// @ts-check
// State diagram (SVG) drawn from the engine's own lifecycle table (Simulator.DescribeLifecycle).
// Non-terminal states are laid out left to right in the order moves reach them; terminal states form the
// last column. Each edge is labelled with the operations (and the role allowed to call them) that make it.

import { s } from './dom.mjs';

/**
 * @typedef {import('./store.mjs').Lifecycle} Lifecycle
 * @typedef {import('./store.mjs').Transition} Transition
 */

const NODE_W = 128;
const NODE_H = 40;
const COL_GAP = 200;
const ROW_GAP = 26;
const LINE_H = 14;
const MARGIN = 24;

/**
 * Moves that change state: rows with To, To different from From.
 * @param {Lifecycle} lifecycle
 * @returns {(Transition & {To: string})[]}
 */
export function moves(lifecycle) {
  return /** @type {(Transition & {To: string})[]} */ ((lifecycle.Transitions || []).filter((t) => t.To && t.To !== t.From));
}

/** @param {Lifecycle} lifecycle */
export function layout(lifecycle) {
  const states = lifecycle.States || [];
  const terminal = new Set(lifecycle.Terminal || []);
  /** @type {Map<string, number>} */
  const column = new Map();
  const start = lifecycle.Initial || states[0];
  if (start !== undefined) column.set(start, 0);
  const queue = start !== undefined ? [start] : [];
  while (queue.length) {
    const from = queue.shift();
    for (const t of moves(lifecycle)) {
      if (t.From !== from || terminal.has(t.To) || column.has(t.To)) continue;
      column.set(t.To, (column.get(/** @type {string} */ (from)) ?? 0) + 1);
      queue.push(t.To);
    }
  }
  for (const state of states) if (!terminal.has(state) && !column.has(state)) column.set(state, 0);
  const lastColumn = Math.max(0, ...[...column.values()]) + 1;
  for (const state of states) if (terminal.has(state)) column.set(state, lastColumn);

  // Labels stacked at each target decide how much room a row needs.
  /** @type {Map<string, string[]>} */
  const labels = new Map();
  for (const t of moves(lifecycle)) {
    const list = labels.get(t.To) || [];
    const text = `${t.Operation} (${t.Role})`;
    if (!list.includes(text)) list.push(text);
    labels.set(t.To, list);
  }

  /** @type {string[][]} */
  const columns = [];
  for (const state of states) {
    const c = /** @type {number} */ (column.get(state));
    (columns[c] ||= []).push(state);
  }
  const count = (/** @type {string} */ state) => (labels.get(state) || []).length;
  const sourcesOf = (/** @type {string} */ state) => moves(lifecycle).filter((t) => t.To === state).map((t) => t.From);
  // Place the nodes; `below` holds the states whose labels go under their entry point (every edge into
  // them comes from above), the others get their labels above it. Each side gets room for its labels.
  const place = (/** @type {Set<string>} */ below) => {
    const extraBefore = (/** @type {string} */ st) => (below.has(st) ? 0 : Math.max(0, count(st) - 1) * LINE_H);
    const extraAfter = (/** @type {string} */ st) => (below.has(st) ? Math.max(0, count(st) - 1) * LINE_H : 0);
    const heights = columns.map((col) => (col || []).reduce((sum, st) => sum + extraBefore(st) + NODE_H + extraAfter(st) + ROW_GAP, 0) - ROW_GAP);
    const tallest = Math.max(NODE_H, ...heights);
    const placed = new Map();
    columns.forEach((col, c) => {
      let y = MARGIN + (tallest - heights[c]) / 2;
      for (const state of col || []) {
        y += extraBefore(state);
        placed.set(state, { x: MARGIN + 16 + c * (NODE_W + COL_GAP), y, column: c });
        y += NODE_H + extraAfter(state) + ROW_GAP;
      }
    });
    return { placed, tallest };
  };
  const first = place(new Set()).placed;
  const below = new Set(states.filter((st) => {
    const sources = sourcesOf(st).map((from) => first.get(from)).filter(Boolean);
    return sources.length > 0 && sources.every((a) => a.y < first.get(st).y - 1);
  }));
  const { placed: pos, tallest } = place(below);
  const width = MARGIN * 2 + 16 + columns.length * NODE_W + (columns.length - 1) * COL_GAP;
  const height = MARGIN * 2 + tallest;
  return { pos, labels, below, width, height, terminal };
}

/**
 * The path of one edge and the lowest point it reaches. channel numbers the edges that skip columns, so
 * that each gets its own lane around the boxes in between.
 * @typedef {{x: number, y: number, column: number}} Point
 * @param {Point} a
 * @param {Point} b
 * @param {Map<string, Point>} pos
 * @param {number} channel
 */
function edgePath(a, b, pos, channel) {
  const x1 = a.x + NODE_W;
  const y1 = a.y + NODE_H / 2;
  const x2 = b.x - 2;
  const y2 = b.y + NODE_H / 2;
  if (b.column <= a.column) {
    // A move back or within a column: a loop below the boxes.
    const down = Math.max(a.y, b.y) + NODE_H + 30;
    return {
      d: `M ${a.x + NODE_W / 2} ${a.y + NODE_H} C ${a.x + NODE_W / 2} ${down}, ${b.x + NODE_W / 2} ${down}, ${b.x + NODE_W / 2} ${b.y + NODE_H + 2}`,
      bottom: down,
    };
  }
  if (b.column - a.column > 1) {
    // Go around the boxes of the columns in between, below them (or above, for a target higher up).
    const between = [...pos.values()].filter((p) => p.column > a.column && p.column < b.column);
    const top = Math.min(...between.map((p) => p.y));
    const bottom = Math.max(...between.map((p) => p.y + NODE_H));
    const below = (y1 + y2) / 2 >= (top + bottom) / 2 || y2 >= y1;
    const lane = below ? bottom + 16 + channel * 10 : top - 16 - channel * 10;
    const xa = Math.min(...between.map((p) => p.x)) - 12;
    const xb = Math.max(...between.map((p) => p.x + NODE_W)) + 12;
    return {
      d: `M ${x1} ${y1} C ${(x1 + xa) / 2} ${y1}, ${(x1 + xa) / 2} ${lane}, ${xa} ${lane} L ${xb} ${lane} C ${(xb + x2) / 2} ${lane}, ${(xb + x2) / 2} ${y2}, ${x2} ${y2}`,
      bottom: Math.max(lane, y1, y2),
      top: Math.min(lane, y1, y2),
    };
  }
  const dx = (x2 - x1) / 2;
  return { d: `M ${x1} ${y1} C ${x1 + dx} ${y1}, ${x2 - dx} ${y2}, ${x2} ${y2}`, bottom: Math.max(y1, y2) };
}

/**
 * Build the SVG. options:
 *   current    the selected handshake's state (highlighted), or null
 *   just       {from, to} of the move just made (animated), or null
 *   available  Set of "FROM>TO" moves the current caller can make now
 * @param {Lifecycle} lifecycle
 * @param {{current?: string | null, just?: {from: string, to: string} | null, available?: Set<string>, idPrefix?: string}} [options]
 */
export function renderDiagram(lifecycle, { current = null, just = null, available = new Set(), idPrefix = 'diagram' } = {}) {
  const { pos, labels, below, width, height, terminal } = layout(lifecycle);
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const description = [
    `States: ${(lifecycle.States || []).join(', ')}.`,
    `Starts in ${lifecycle.Initial}.`,
    current ? `Current state: ${current}.` : 'No handshake selected.',
    ...moves(lifecycle).map((t) => `${t.Operation} by ${t.Role}: ${t.From} to ${t.To}.`),
  ].join(' ');
  const svg = s('svg', {
    viewBox: `0 0 ${width} ${height}`, width, height, role: 'img', class: 'diagram-svg',
    'aria-labelledby': titleId, 'aria-describedby': descId,
  },
  s('title', { id: titleId }, `${lifecycle.Action} handshake lifecycle${current ? `, current state ${current}` : ''}`),
  s('desc', { id: descId }, description),
  s('defs', null,
    s('marker', { id: `${idPrefix}-arrow`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead' })),
    s('marker', { id: `${idPrefix}-arrow-hot`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
      s('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: 'arrowhead-hot' }))));

  // Start marker into the initial state.
  const initial = pos.get(lifecycle.Initial);
  if (initial) {
    svg.append(s('circle', { cx: initial.x - 14, cy: initial.y + NODE_H / 2, r: 5, class: 'start-dot' }));
    svg.append(s('path', { d: `M ${initial.x - 9} ${initial.y + NODE_H / 2} L ${initial.x - 2} ${initial.y + NODE_H / 2}`, class: 'edge', 'marker-end': `url(#${idPrefix}-arrow)` }));
  }

  // Edges, one per (From, To) pair.
  const pairs = new Map();
  for (const t of moves(lifecycle)) {
    const key = `${t.From}>${t.To}`;
    if (!pairs.has(key)) pairs.set(key, t);
  }
  const edgeLayer = s('g', { class: 'edges' });
  let channel = 0;
  let lowest = 0;
  let highest = Infinity;
  for (const [key, t] of pairs) {
    const a = pos.get(t.From);
    const b = pos.get(t.To);
    if (!a || !b) continue;
    const path = edgePath(a, b, pos, b.column - a.column > 1 ? channel++ : 0);
    lowest = Math.max(lowest, path.bottom);
    highest = Math.min(highest, path.top ?? Infinity);
    const isJust = just && just.from === t.From && just.to === t.To;
    const fromCurrent = current && t.From === current;
    const cls = ['edge', fromCurrent && 'edge-from-current', available.has(key) && 'edge-available', isJust && 'edge-just'].filter(Boolean).join(' ');
    const hot = isJust || available.has(key);
    edgeLayer.append(s('path', { d: path.d, class: cls, 'marker-end': `url(#${idPrefix}-${hot ? 'arrow-hot' : 'arrow'})`, dataset: { from: t.From, to: t.To } }));
  }
  svg.append(edgeLayer);
  // Make room for edges routed around the boxes.
  const shiftTop = highest < 8 ? 8 - highest : 0;
  const fullHeight = Math.max(height, lowest + 12) + shiftTop;
  svg.setAttribute('viewBox', `0 ${-shiftTop} ${width} ${fullHeight}`);
  svg.setAttribute('height', String(fullHeight));

  // Labels stacked just left of each target, above its entry point.
  const labelLayer = s('g', { class: 'edge-labels' });
  for (const [state, list] of labels) {
    const b = pos.get(state);
    if (!b) continue;
    const entryY = b.y + NODE_H / 2;
    // Edges arriving from above would cross labels stacked above the entry point: those go below it.
    const fromAbove = below.has(state);
    list.forEach((text, i) => {
      const y = fromAbove ? entryY + 16 + i * LINE_H : entryY - 6 - (list.length - 1 - i) * LINE_H;
      const op = text.slice(0, text.indexOf(' ('));
      const activeHere = current && moves(lifecycle).some((t) => t.To === state && t.From === current && `${t.Operation} (${t.Role})` === text);
      labelLayer.append(s('text', { x: b.x - 8, y, 'text-anchor': 'end', class: ['edge-label', activeHere && 'edge-label-active'].filter(Boolean).join(' '), dataset: { operation: op } }, text));
    });
  }
  svg.append(labelLayer);

  // Nodes.
  const nodeLayer = s('g', { class: 'nodes' });
  for (const state of lifecycle.States || []) {
    const p = pos.get(state);
    const isCurrent = state === current;
    const isJust = just && just.to === state;
    const group = s('g', {
      class: ['node', terminal.has(state) && 'node-terminal', isCurrent && 'node-current', isJust && 'node-just'].filter(Boolean).join(' '),
      dataset: { state },
    });
    group.append(s('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 10, class: 'node-box' }));
    if (terminal.has(state)) group.append(s('rect', { x: p.x + 3, y: p.y + 3, width: NODE_W - 6, height: NODE_H - 6, rx: 8, class: 'node-inner' }));
    group.append(s('text', { x: p.x + NODE_W / 2, y: p.y + NODE_H / 2 + 5, 'text-anchor': 'middle', class: 'node-label' }, state));
    nodeLayer.append(group);
  }
  svg.append(nodeLayer);
  return svg;
}

/**
 * Rows of the lifecycle table for one state: every operation and role, and what it does there.
 * @param {Lifecycle} lifecycle
 * @param {string} state
 */
export function movesFrom(lifecycle, state) {
  return (lifecycle.Transitions || []).filter((t) => t.From === state);
}

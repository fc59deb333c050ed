// @ts-check
// State diagram (SVG) drawn from the engine's own lifecycle table (Simulator.DescribeLifecycle).
//
// Layout, left to right: non-terminal states in columns in the order moves reach them, terminal states in
// the last column. Edges are orthogonal: out of the right side of their source, along a vertical "trunk"
// just right of it, then a horizontal run into the left side of the target. An edge's label (one line per
// operation, with the role allowed to call it) sits on that last run, right-aligned against the target, so
// each column of targets has a label zone in front of it that nothing else crosses: the trunks (and the
// junctions of edges that skip a column) stay left of it, and the targets are stacked with room for their
// labels. Edges into one target with the same operations share one run and one label (an edge from further
// left reaches it along a lane under the columns in between and joins the run before the label).
// Text is drawn at 12 px and the drawing at its natural size: a narrow page scrolls it (panels/diagram.mjs).

import { s } from './dom.mjs';

/**
 * @typedef {import('./store.mjs').Lifecycle} Lifecycle
 * @typedef {import('./store.mjs').Transition} Transition
 * @typedef {{x: number, y: number, column: number}} Point
 * @typedef {{key: string, from: string, to: string, ops: Transition[], d: string, group: number, skip: boolean}} Edge
 * @typedef {{to: string, lines: string[], keys: string[], x: number, baselines: number[], anchor: 'start' | 'middle' | 'end',
 *   box: {x: number, y: number, width: number, height: number}}} LabelBlock
 * @typedef {{key: string, operation: string, label: string}} Offer
 */

export const NODE_W = 106;
export const NODE_H = 40;
export const FONT = 12;              // edge labels, px (node labels are 13 px, styles.css)
const CHAR_W = 7.25;                 // advance of a 12 px monospace character (0.6 em), rounded up
const LINE_H = 15;
const ASCENT = 11.5;                 // of a 12 px line above its baseline
const DESCENT = 3.5;
const MARGIN = 12;
const START = 26;                    // room for the start marker left of the initial state
const ROW_GAP = 16;                  // between two targets' blocks (node and labels) in a column
const TRUNK = 14;                    // from a source's right side to its trunk
const LANE = 14;                     // between trunks, and between lanes
const JOIN = 18;                     // between a trunk and the junctions after it
const LABEL_GAP = 10;                // between the last trunk or junction and the label zone
const ARROW = 12;                    // between a label and its target
const RADIUS = 7;                    // of the rounded corners

/**
 * Moves that change state: rows with To, To different from From.
 * @param {Lifecycle} lifecycle
 * @returns {(Transition & {To: string})[]}
 */
export function moves(lifecycle) {
  return /** @type {(Transition & {To: string})[]} */ ((lifecycle.Transitions || []).filter((t) => t.To && t.To !== t.From));
}

/** @param {Transition} t */
const opText = (t) => `${t.Operation} (${t.Role})`;

/**
 * A label's lines: "Operation (ROLE)" each, or (narrow) the operations of each role and then "(ROLE)".
 * @param {Transition[]} ops
 * @param {boolean} narrow
 */
function labelLines(ops, narrow) {
  if (!narrow) return ops.map(opText);
  const roles = [...new Set(ops.map((t) => t.Role))];
  return roles.flatMap((role) => [...ops.filter((t) => t.Role === role).map((t) => t.Operation), `(${role})`]);
}

/**
 * An orthogonal polyline with rounded corners.
 * @param {[number, number][]} points
 */
function roundedPath(points) {
  const pts = points.filter((p, i) => i === 0 || p[0] !== points[i - 1][0] || p[1] !== points[i - 1][1]);
  let d = `M ${pts[0][0]} ${pts[0][1]}`;
  for (let i = 1; i < pts.length - 1; i++) {
    const [px, py] = pts[i - 1];
    const [x, y] = pts[i];
    const [nx, ny] = pts[i + 1];
    const r = Math.min(RADIUS, Math.hypot(x - px, y - py) / 2, Math.hypot(nx - x, ny - y) / 2);
    const ax = x - Math.sign(x - px) * r;
    const ay = y - Math.sign(y - py) * r;
    const bx = x + Math.sign(nx - x) * r;
    const by = y + Math.sign(ny - y) * r;
    d += ` L ${ax} ${ay} Q ${x} ${y}, ${bx} ${by}`;
  }
  const last = pts[pts.length - 1];
  return `${d} L ${last[0]} ${last[1]}`;
}

/**
 * Where everything goes: nodes (pos), edges (paths), label blocks, and the drawing's size. narrow puts the
 * roles on lines of their own everywhere (a narrower, taller drawing).
 * @param {Lifecycle} lifecycle
 * @param {{narrow?: boolean}} [options]
 */
export function layout(lifecycle, { narrow = false } = {}) {
  const states = lifecycle.States || [];
  const terminal = new Set(lifecycle.Terminal || []);
  const all = moves(lifecycle).filter((t) => states.includes(t.From) && states.includes(t.To));

  // Columns: breadth first from the initial state; terminal states last.
  /** @type {Map<string, number>} */
  const column = new Map();
  const start = lifecycle.Initial || states[0];
  if (start !== undefined) column.set(start, 0);
  const queue = start !== undefined ? [start] : [];
  while (queue.length) {
    const from = /** @type {string} */ (queue.shift());
    for (const t of all) {
      if (t.From !== from || terminal.has(t.To) || column.has(t.To)) continue;
      column.set(t.To, (column.get(from) ?? 0) + 1);
      queue.push(t.To);
    }
  }
  for (const state of states) if (!terminal.has(state) && !column.has(state)) column.set(state, 0);
  const lastColumn = Math.max(0, ...[...column.values()]) + 1;
  for (const state of states) if (terminal.has(state)) column.set(state, lastColumn);
  const col = (/** @type {string} */ st) => /** @type {number} */ (column.get(st));
  /** @type {string[][]} */
  const columns = Array.from({ length: lastColumn + 1 }, () => []);
  for (const state of states) columns[col(state)].push(state);

  // Every operation into each target, as text (kept for callers that list them).
  /** @type {Map<string, string[]>} */
  const labels = new Map();
  for (const t of all) {
    const list = labels.get(t.To) || [];
    if (!list.includes(opText(t))) list.push(opText(t));
    labels.set(t.To, list);
  }

  // Edges, one per (From, To) pair, and their label groups: the forward edges into one target with the same
  // operations share one; a move back (or within a column) has its own, under its loop.
  /** @type {Map<string, {from: string, to: string, ops: Transition[]}>} */
  const pairs = new Map();
  for (const t of all) {
    const key = `${t.From}>${t.To}`;
    const pair = pairs.get(key) || { from: t.From, to: t.To, ops: [] };
    if (!pair.ops.some((o) => opText(o) === opText(t))) pair.ops.push(t);
    pairs.set(key, pair);
  }
  /** @type {{to: string, lines: string[], keys: string[], back: boolean}[]} */
  const groups = [];
  for (const [key, pair] of pairs) {
    const back = col(pair.to) <= col(pair.from);
    // Into a non-terminal state the gap is narrow: the role goes on a line of its own.
    const lines = labelLines(pair.ops, narrow || !terminal.has(pair.to));
    const same = back ? undefined : groups.find((g) => !g.back && g.to === pair.to && g.lines.join('\n') === lines.join('\n'));
    if (same) same.keys.push(key);
    else groups.push({ to: pair.to, lines, keys: [key], back });
  }
  const widthOf = (/** @type {string[]} */ lines) => Math.ceil(Math.max(0, ...lines.map((l) => l.length)) * CHAR_W);
  /** @param {string} st */
  const groupsInto = (st) => groups.filter((g) => !g.back && g.to === st);
  // Each group into a target gets a port on its left side; the first group's label goes above its run,
  // the second's below, further ones above again (further out).
  /** @param {number} i @param {number} n */
  const portOffset = (i, n) => (n <= 1 ? 0 : -10 + (20 * i) / (n - 1));
  /** @param {string} st  the extent of a target's block (node and labels) around its centre */
  const extent = (st) => {
    let top = -NODE_H / 2;
    let bottom = NODE_H / 2;
    groupsInto(st).forEach((g, i, list) => {
      const port = portOffset(i, list.length);
      if (i % 2 === 0) top = Math.min(top, port - 6 - (g.lines.length - 1) * LINE_H - ASCENT - (i ? (i / 2) * LINE_H : 0));
      else bottom = Math.max(bottom, port + 15 + (g.lines.length - 1) * LINE_H + DESCENT);
    });
    return { top, bottom };
  };

  // Vertical places (centres): the last column stacked; each column before it, right to left, lined up with
  // the port of the target its edges reach (the middle one when there are several).
  /** @type {Map<string, number>} */
  const centre = new Map();
  /** @param {string} st @param {string} to */
  const portY = (st, to) => {
    const list = groupsInto(to);
    const i = list.findIndex((g) => g.keys.includes(`${st}>${to}`));
    return /** @type {number} */ (centre.get(to)) + portOffset(Math.max(0, i), list.length);
  };
  for (let c = lastColumn; c >= 0; c--) {
    /** @type {{st: string, want: number}[]} */
    const wants = columns[c].map((st) => {
      const targets = [...pairs.values()].filter((p) => p.from === st && col(p.to) > c && centre.has(p.to));
      const near = targets.filter((p) => col(p.to) === c + 1);
      const use = near.length ? near : targets;
      if (!use.length) return { st, want: -Infinity };
      const ports = use.map((p) => portY(st, p.to)).sort((a, b) => a - b);
      const mean = ports.reduce((sum, y) => sum + y, 0) / ports.length;
      // The port nearest the middle, so that one edge leaves straight.
      return { st, want: ports.reduce((best, y) => (Math.abs(y - mean) < Math.abs(best - mean) ? y : best), ports[0]) };
    });
    let floor = -Infinity;
    for (const { st, want } of wants) {
      const e = extent(st);
      const y = Math.max(want, floor === -Infinity ? 0 : floor - e.top);
      centre.set(st, y);
      floor = y + e.bottom + ROW_GAP;
    }
  }

  // Horizontal places: each gap holds the trunks of its sources, the junctions of edges that skip columns
  // and reach a target in the next column, then that column's label zone.
  /** @type {number[]} */
  const colX = [MARGIN + START];
  /** @type {Map<string, number>} */
  const trunk = new Map();
  /** @type {Map<string, number>} a skipping source's junction in front of the target column, by "source>column" */
  const junction = new Map();
  for (let c = 0; c < lastColumn; c++) {
    let x = colX[c] + NODE_W + TRUNK;
    columns[c].forEach((st, i) => { trunk.set(st, x + i * LANE); });
    x += Math.max(0, columns[c].length - 1) * LANE;
    const skippers = [...new Set([...pairs.values()].filter((p) => col(p.to) === c + 1 && col(p.from) < c).map((p) => p.from))];
    skippers.forEach((st, i) => { junction.set(`${st}>${c + 1}`, x + (i + 1) * JOIN); });
    x += skippers.length * JOIN;
    const zone = Math.max(0, ...columns[c + 1].flatMap((st) => groupsInto(st).map((g) => widthOf(g.lines))));
    colX.push(Math.max(x + LABEL_GAP + zone + ARROW, colX[c] + NODE_W + 48));
  }
  /** @type {Map<string, Point>} */
  const pos = new Map();
  for (const st of states) pos.set(st, { x: colX[col(st)], y: /** @type {number} */ (centre.get(st)) - NODE_H / 2, column: col(st) });

  // Lanes for edges that skip columns: under everything in the columns they pass.
  /** @type {Map<string, number>} */
  const lane = new Map();
  const skipping = [...pairs.values()].filter((p) => col(p.to) - col(p.from) > 1);
  [...new Set(skipping.map((p) => p.from))].forEach((st, i) => {
    const c0 = col(st);
    const c1 = Math.max(...skipping.filter((p) => p.from === st).map((p) => col(p.to)));
    const passed = states.filter((o) => col(o) > c0 && col(o) < c1).map((o) => /** @type {number} */ (centre.get(o)) + extent(o).bottom);
    lane.set(st, Math.max(/** @type {number} */ (centre.get(st)) + NODE_H / 2, ...passed) + 18 + i * LANE);
  });

  /** @type {Edge[]} */
  const edges = [];
  /** @type {LabelBlock[]} */
  const blocks = [];
  /** @type {{x: number, y: number, keys: string[]}[]} */
  const joins = [];
  let loopBottom = -Infinity;
  groups.forEach((g, gi) => {
    const b = /** @type {Point} */ (pos.get(g.to));
    for (const key of g.keys) {
      const pair = /** @type {{from: string, to: string, ops: Transition[]}} */ (pairs.get(key));
      const a = /** @type {Point} */ (pos.get(pair.from));
      const ay = a.y + NODE_H / 2;
      let d;
      if (g.back) {
        const down = Math.max(a.y, b.y) + NODE_H + 34;
        loopBottom = Math.max(loopBottom, down);
        d = `M ${a.x + NODE_W / 2} ${a.y + NODE_H} C ${a.x + NODE_W / 2} ${down}, ${b.x + NODE_W / 2} ${down}, ${b.x + NODE_W / 2} ${b.y + NODE_H + 2}`;
      } else {
        const port = portY(pair.from, pair.to);
        const xb = /** @type {number} */ (trunk.get(pair.from));
        if (b.column - a.column > 1) {
          const y = /** @type {number} */ (lane.get(pair.from));
          const xj = /** @type {number} */ (junction.get(`${pair.from}>${b.column}`));
          d = roundedPath([[a.x + NODE_W, ay], [xb, ay], [xb, y], [xj, y], [xj, port], [b.x - 2, port]]);
        } else {
          d = roundedPath([[a.x + NODE_W, ay], [xb, ay], [xb, port], [b.x - 2, port]]);
        }
      }
      edges.push({ key, from: pair.from, to: pair.to, ops: pair.ops, d, group: gi, skip: b.column - a.column > 1 });
      // A skipping edge that joins another edge's run: a dot where they meet.
      if (!g.back && b.column - a.column > 1 && g.keys.length > 1) {
        joins.push({ x: /** @type {number} */ (junction.get(`${pair.from}>${b.column}`)), y: portY(pair.from, pair.to), keys: g.keys });
      }
    }
    const width = widthOf(g.lines);
    const n = g.lines.length;
    if (g.back) {
      const a = /** @type {Point} */ (pos.get(/** @type {{from: string}} */ (pairs.get(g.keys[0])).from));
      const x = (a.x + b.x + NODE_W) / 2;
      const down = Math.max(a.y, b.y) + NODE_H + 34;
      const baselines = g.lines.map((_, i) => down + 16 + i * LINE_H);
      blocks.push({ to: g.to, lines: g.lines, keys: g.keys, x, baselines, anchor: 'middle', box: { x: x - width / 2, y: baselines[0] - ASCENT, width, height: (n - 1) * LINE_H + ASCENT + DESCENT } });
      return;
    }
    const list = groupsInto(g.to);
    const i = list.indexOf(g);
    const port = b.y + NODE_H / 2 + portOffset(i, list.length);
    const above = i % 2 === 0;
    const lift = i ? (i / 2) * LINE_H : 0;
    const baselines = g.lines.map((_, k) => (above ? port - 6 - lift - (n - 1 - k) * LINE_H : port + 15 + k * LINE_H));
    const x = b.x - ARROW;
    blocks.push({ to: g.to, lines: g.lines, keys: g.keys, x, baselines, anchor: 'end', box: { x: x - width, y: baselines[0] - ASCENT, width, height: (n - 1) * LINE_H + ASCENT + DESCENT } });
  });

  // The drawing's extent (the view box starts at `top`).
  const tops = [...pos.values()].map((p) => p.y).concat(blocks.map((bl) => bl.box.y));
  const bottoms = [...pos.values()].map((p) => p.y + NODE_H).concat(blocks.map((bl) => bl.box.y + bl.box.height), [...lane.values()], [loopBottom]);
  const top = Math.floor(Math.min(...tops)) - MARGIN;
  const height = Math.ceil(Math.max(...bottoms) + MARGIN - top);
  const width = Math.ceil(colX[lastColumn] + NODE_W + MARGIN);
  return { pos, labels, edges, blocks, joins, top, width, height, terminal };
}

/**
 * Build the SVG. options:
 *   current    the selected handshake's state (highlighted), or null
 *   just       {from, to} of the move just made (animated), or null
 *   available  Set of "FROM>TO" moves the current caller can make now
 *   maxWidth   the room there is (px): a drawing wider than that puts the roles on lines of their own
 *   offers     moves the caller can make now, as buttons: {key: "FROM>TO", operation, label (the accessible name)};
 *              each is the edge (a wide invisible stroke over it) and its operation's line in the label
 *   onOffer    what a click (or Enter, Space) on an offer does, given its operation
 * @param {Lifecycle} lifecycle
 * @param {{current?: string | null, just?: {from: string, to: string} | null, available?: Set<string>, idPrefix?: string,
 *   maxWidth?: number, offers?: Offer[], onOffer?: (operation: string) => void}} [options]
 */
export function renderDiagram(lifecycle, { current = null, just = null, available = new Set(), idPrefix = 'diagram', maxWidth = Infinity, offers = [], onOffer } = {}) {
  let placed = layout(lifecycle);
  if (placed.width > maxWidth) placed = layout(lifecycle, { narrow: true });
  const { pos, edges, blocks, joins, top, width, height, terminal } = placed;
  const titleId = `${idPrefix}-title`;
  const descId = `${idPrefix}-desc`;
  const description = [
    `States: ${(lifecycle.States || []).join(', ')}.`,
    `Starts in ${lifecycle.Initial}.`,
    current ? `Current state: ${current}.` : 'No handshake selected.',
    ...moves(lifecycle).map((t) => `${t.Operation} by ${t.Role}: ${t.From} to ${t.To}.`),
  ].join(' ');
  const svg = s('svg', {
    viewBox: `0 ${top} ${width} ${height}`, width, height, role: offers.length && onOffer ? 'group' : 'img', class: 'diagram-svg',
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
    const y = initial.y + NODE_H / 2;
    svg.append(s('circle', { cx: initial.x - 18, cy: y, r: 5, class: 'start-dot' }));
    svg.append(s('path', { d: `M ${initial.x - 13} ${y} L ${initial.x - 2} ${y}`, class: 'start-edge', 'marker-end': `url(#${idPrefix}-arrow)` }));
  }

  // Edges; the ones that matter now are drawn last, over any run they share.
  const rank = (/** @type {Edge} */ e) => (just && just.from === e.from && just.to === e.to ? 3 : available.has(e.key) ? 2 : current && e.from === current ? 1 : 0);
  const edgeLayer = s('g', { class: 'edges' });
  for (const e of [...edges].sort((x, y) => rank(x) - rank(y))) {
    const isJust = rank(e) === 3;
    const hot = isJust || available.has(e.key);
    const cls = ['edge', current && e.from === current && 'edge-from-current', available.has(e.key) && 'edge-available', isJust && 'edge-just'].filter(Boolean).join(' ');
    edgeLayer.append(s('path', {
      d: e.d, class: cls, 'marker-end': `url(#${idPrefix}-${hot ? 'arrow-hot' : 'arrow'})`, dataset: { from: e.from, to: e.to },
      pathLength: isJust ? 100 : null,
    }));
  }
  for (const j of joins) {
    const isJust = just !== null && j.keys.includes(`${just.from}>${just.to}`);
    const hot = j.keys.some((k) => available.has(k));
    edgeLayer.append(s('circle', { cx: j.x, cy: j.y, r: 3, class: ['junction', isJust ? 'junction-just' : hot && 'junction-hot'].filter(Boolean).join(' ') }));
  }
  svg.append(edgeLayer);

  // Labels: one block per run, one line per operation.
  const labelLayer = s('g', { class: 'edge-labels' });
  for (const block of blocks) {
    const fromCurrent = current !== null && block.keys.some((k) => k.startsWith(`${current}>`));
    labelLayer.append(s('g', { class: 'edge-label-block', dataset: { edges: block.keys.join(' ') } },
      block.lines.map((line, i) => s('text', {
        x: block.x, y: block.baselines[i], 'text-anchor': block.anchor,
        class: ['edge-label', fromCurrent && 'edge-label-active'].filter(Boolean).join(' '),
        dataset: line.startsWith('(') ? null : { operation: line.replace(/ \(.*$/, '') },
      }, line))));
  }
  svg.append(labelLayer);

  // Nodes.
  const nodeLayer = s('g', { class: 'nodes' });
  for (const state of lifecycle.States || []) {
    const p = pos.get(state);
    if (!p) continue;
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

  // Moves the caller can make now: buttons over their edges and label lines, on top of everything.
  if (offers.length && onOffer) {
    const buttonLayer = s('g', { class: 'edge-buttons' });
    const drawn = new Set();
    for (const offer of offers) {
      const edge = edges.find((e) => e.key === offer.key);
      if (!edge) continue;
      const block = blocks.find((bl) => bl.keys.includes(offer.key));
      const i = block ? block.lines.findIndex((l) => l === offer.operation || l.startsWith(`${offer.operation} (`)) : -1;
      /** @type {SVGElement[]} */
      const parts = [];
      if (!drawn.has(offer.key)) parts.push(s('path', { d: edge.d, class: 'edge-fill-hit' }));
      drawn.add(offer.key);
      if (block && i >= 0) {
        const w = Math.ceil(block.lines[i].length * CHAR_W) + 6;
        const x = block.anchor === 'end' ? block.x - w + 3 : block.anchor === 'middle' ? block.x - w / 2 : block.x - 3;
        parts.push(s('rect', { x, y: block.baselines[i] - ASCENT - 1, width: w, height: ASCENT + DESCENT + 2, rx: 3, class: 'edge-fill-label' }));
      }
      const run = () => onOffer(offer.operation);
      buttonLayer.append(s('g', {
        class: 'edge-fill', role: 'button', tabindex: 0, 'aria-label': offer.label, dataset: { edge: offer.key, operation: offer.operation },
        onclick: run,
        onkeydown: (/** @type {KeyboardEvent} */ e) => { if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); run(); } },
      }, s('title', null, offer.label), parts));
    }
    svg.append(buttonLayer);
  }
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

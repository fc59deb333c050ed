// @ts-check
// The session as a sequence diagram, from the event log alone (pure: no DOM, runs under node too).
//
// sequenceModel() turns the log into lifelines (the accounts that took part, and "Clock / AWS") and steps:
// one arrow per call (operation, HTTP status, the handshake's new state), the clock between arrows where time
// moved, and the system's own moves (EXPIRED, ParentCanceled, OrganizationDeleted...) as dashed arrows from
// "Clock / AWS". The system's moves are derived from what the page already knows: the handshakes each
// response shows, their expiration times, the calls that end others (DeleteOrganization, canceling an
// ENABLE_ALL_FEATURES request), and the world as it is now.
//
// sequenceTree() lays the model out as a tree of plain {tag, attrs, children} nodes; the page turns it into
// SVG elements (text through textContent), svgText() into a standalone SVG file (every text and attribute
// escaped). mermaidText() tells the same story as a Mermaid sequenceDiagram whose labels are sanitized so
// that nothing from a name, email or id can leave its line or add Mermaid syntax.

import { formatDuration, formatTime } from './format.mjs';

/**
 * @typedef {import('./store.mjs').LogEntry} LogEntry
 * @typedef {import('./store.mjs').World} World
 * @typedef {import('./store.mjs').Handshake} Handshake
 * @typedef {{id: string, key: string, name: string, detail: string, system: boolean}} Participant
 *   id: generated (p1, p2...), key: the account id (or "email:..."/"system"), name as shown.
 * @typedef {{kind: 'call', index: number, seq: number, from: string, to: string, operation: string, status: number,
 *   errorType: string, state: string, handshakeId: string, caller: string}} CallStep
 *   index: the entry's position in the log; from / to: participant ids.
 * @typedef {{kind: 'clock', now: number, delta: number}} ClockStep
 * @typedef {{kind: 'system', from: string, to: string, event: string, state: string, handshakeId: string}} SystemStep
 * @typedef {CallStep | ClockStep | SystemStep} Step
 * @typedef {{participants: Participant[], steps: Step[]}} SequenceModel
 * @typedef {{tag: string, attrs: Record<string, string | number>, children: (TreeNode | string)[]}} TreeNode
 */

const LIVE = new Set(['REQUESTED', 'OPEN']);
const SYSTEM_KEY = 'system';
export const SYSTEM_NAME = 'Clock / AWS';

/** @param {string} target */
const operationOf = (target) => String(target).split('.').pop() || String(target);

/** @param {unknown} text */
function parseBody(text) {
  try {
    const v = JSON.parse(String(text));
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch { return {}; }
}

/** @param {unknown} h @returns {h is Handshake} */
const isHandshake = (h) => !!h && typeof h === 'object' && typeof (/** @type {any} */ (h).Id) === 'string' && typeof (/** @type {any} */ (h).State) === 'string';

/**
 * Lifelines and steps from the event log.
 * @param {LogEntry[]} log
 * @param {World} world  the world now (names of the accounts, where each handshake stands now)
 * @returns {SequenceModel}
 */
export function sequenceModel(log, world) {
  const accounts = new Map((world.Accounts || []).map((a) => [a.Id, a]));
  const orgs = new Map((world.Organizations || []).map((o) => [o.Id, o]));
  /** @type {Map<string, string>} organization id -> management account id, as learned from the log too */
  const managers = new Map([...orgs.values()].map((o) => [o.Id, o.ManagementAccountId]));
  /** @type {Map<string, Participant>} */
  const parties = new Map();
  /** @param {string} key */
  const party = (key) => {
    let p = parties.get(key);
    if (!p) {
      const account = accounts.get(key);
      const name = key === SYSTEM_KEY ? SYSTEM_NAME : account ? account.Name || key : key.replace(/^email:/, '');
      const detail = key === SYSTEM_KEY ? 'expiry and cascades' : account ? key : key.startsWith('email:') ? 'email' : 'account';
      p = { id: '', key, name, detail, system: key === SYSTEM_KEY };
      parties.set(key, p);
    }
    return p;
  };
  /** A handshake party as a lifeline key. @param {{Id?: string, Type?: string}} x */
  const partyKey = (x) => {
    const id = String(x?.Id ?? '');
    if (x?.Type === 'ORGANIZATION') return managers.get(id) || managers.get(`o-${id}`) || managers.get(id.replace(/^o-/, '')) || id;
    if (x?.Type === 'EMAIL') {
      const account = [...accounts.values()].find((a) => a.Email && a.Email.toLowerCase() === id.toLowerCase());
      return account ? account.Id : `email:${id}`;
    }
    return id;
  };

  /** @type {Map<string, {state: string, action: string, exp: number, parties: string[], org: string}>} */
  const known = new Map();
  /** @type {Step[]} */
  const steps = [];
  const finalStates = new Map((world.Handshakes || []).map((h) => [h.Id, h.State]));

  /** @param {Handshake} h */
  const learn = (h) => {
    const org = (h.Parties || []).find((x) => x.Type === 'ORGANIZATION')?.Id || '';
    const prev = known.get(h.Id);
    known.set(h.Id, {
      state: h.State, action: h.Action || prev?.action || '',
      exp: typeof h.ExpirationTimestamp === 'number' ? h.ExpirationTimestamp : prev?.exp ?? Infinity,
      parties: h.Parties ? h.Parties.map(partyKey) : prev?.parties || [], org: org || prev?.org || '',
    });
  };
  /** A move the system made on a known handshake. @param {string} id @param {string} event @param {string} state */
  const systemMove = (id, event, state) => {
    const k = known.get(id);
    if (!k || k.state === state) return;
    k.state = state;
    const target = [...k.parties].reverse().find((p) => p && p !== SYSTEM_KEY) || SYSTEM_KEY; // the recipient
    steps.push({ kind: 'system', from: party(SYSTEM_KEY).key, to: party(target).key, event, state, handshakeId: id });
  };
  /** Whether the world now agrees that a live handshake was ended (or knows nothing of it). @param {string} id */
  const ended = (id) => !finalStates.has(id) || !LIVE.has(String(finalStates.get(id)));
  /** Time moved to t: what expires. @param {number} t */
  const expireUntil = (t) => {
    for (const [id, k] of known) if (LIVE.has(k.state) && k.exp <= t && ended(id)) systemMove(id, 'EXPIRED', 'EXPIRED');
  };

  let clock = NaN;
  /** The clock moved to t: shown once a call was drawn (the scenario's setting of the clock is not a move). @param {number} t */
  const clockTo = (t) => {
    if (!Number.isFinite(t) || t <= 0) return;
    if (Number.isFinite(clock) && t > clock && steps.some((st) => st.kind === 'call')) {
      steps.push({ kind: 'clock', now: t, delta: t - clock });
      expireUntil(t);
    }
    if (!Number.isFinite(clock) || t > clock) clock = t;
  };

  log.forEach((entry, index) => {
    clockTo(entry.now);
    const p = entry.parsed && typeof entry.parsed === 'object' ? entry.parsed : {};
    if (entry.caller === null) {
      // A Simulator control: only its move of the clock is part of the story.
      if (typeof p.Now === 'number') clockTo(p.Now);
      return;
    }
    const body = parseBody(entry.body);
    const operation = operationOf(entry.target);
    /** @type {Handshake | null} */
    const own = isHandshake(p.Handshake) ? p.Handshake : null;
    const subjectId = own?.Id || (typeof body.HandshakeId === 'string' ? body.HandshakeId : '');
    // Handshakes this response shows in another state than last known moved by themselves, before this call.
    const seen = [...(Array.isArray(p.Handshakes) ? p.Handshakes : []), ...(own ? [own] : [])].filter(isHandshake);
    for (const h of seen) {
      const k = known.get(h.Id);
      if (k && h.Id !== subjectId && k.state !== h.State && LIVE.has(k.state)) systemMove(h.Id, h.State === 'EXPIRED' ? 'EXPIRED' : h.State, h.State);
    }
    for (const h of seen) if (h.Id !== subjectId) learn(h);
    if (own) {
      const org = (own.Parties || []).find((x) => x.Type === 'ORGANIZATION')?.Id;
      if (org && !managers.has(org) && own.Action === 'INVITE') managers.set(org, entry.caller);
    }
    if (p.Organization && typeof p.Organization.Id === 'string' && !managers.has(p.Organization.Id)) managers.set(p.Organization.Id, entry.caller);

    const from = party(entry.caller).key;
    let to = from;
    /** @type {Handshake | undefined} */
    const subject = own || (subjectId ? (world.Handshakes || []).find((h) => h.Id === subjectId) : undefined);
    const others = (subject?.Parties || []).map(partyKey).filter((k) => k && k !== from);
    if (others.length) to = others[0];
    else if (subjectId && known.get(subjectId)) to = known.get(subjectId)?.parties.find((k) => k !== from) || from;
    else if (body.Target && typeof body.Target === 'object') to = partyKey(body.Target) || from;
    if (to !== from) party(to);
    const before = subjectId ? known.get(subjectId)?.state : undefined;
    if (own) learn(own);
    steps.push({
      kind: 'call', index, seq: entry.seq, from, to, operation, status: entry.status,
      errorType: entry.status === 200 ? '' : String(p.__type || '').split('#').pop() || '',
      state: own && entry.status === 200 && own.State !== before ? own.State : own && entry.status === 200 ? own.State : '',
      handshakeId: subjectId, caller: entry.caller,
    });

    // What the call ended besides its own handshake.
    if (entry.status !== 200) return;
    const org = [...orgs.values(), ...[...managers].map(([Id, m]) => ({ Id, ManagementAccountId: m }))].find((o) => o.ManagementAccountId === entry.caller)?.Id;
    if (operation === 'DeleteOrganization' && org) {
      for (const [id, k] of known) if (LIVE.has(k.state) && k.org === org && ended(id)) systemMove(id, 'OrganizationDeleted', 'CANCELED');
    }
    if (operation === 'EnableAllFeatures' && org) {
      for (const [id, k] of known) if (k.action === 'INVITE' && LIVE.has(k.state) && k.org === org && id !== subjectId && ended(id)) systemMove(id, 'EnableAllFeatures', 'CANCELED');
    }
    if (own && own.Action === 'ENABLE_ALL_FEATURES' && own.State === 'CANCELED') {
      for (const [id, k] of known) if (id !== own.Id && LIVE.has(k.state) && k.org === (own.Parties || []).find((x) => x.Type === 'ORGANIZATION')?.Id && ended(id)) systemMove(id, 'ParentCanceled', 'CANCELED');
    }
  });
  clockTo(world.Now);
  // Whatever the world shows now that no call explains happened by itself, after the last call.
  for (const [id, k] of known) {
    const now = finalStates.get(id);
    if (now && now !== k.state && LIVE.has(k.state)) systemMove(id, now === 'EXPIRED' ? 'EXPIRED' : 'Canceled', now);
  }

  // Lifelines: the management accounts first, then the others as they came, "Clock / AWS" last (only when used).
  const used = new Set(steps.flatMap((st) => (st.kind === 'clock' ? [] : [st.from, st.to])));
  const mgmt = new Set(managers.values());
  const ordered = [...parties.values()].filter((p) => used.has(p.key) && !p.system)
    .sort((a, b) => Number(mgmt.has(b.key)) - Number(mgmt.has(a.key)));
  const system = parties.get(SYSTEM_KEY);
  if (system && (used.has(SYSTEM_KEY) || steps.some((st) => st.kind === 'clock'))) ordered.push(system);
  else if (steps.some((st) => st.kind === 'clock')) ordered.push(party(SYSTEM_KEY));
  ordered.forEach((p, i) => { p.id = `p${i + 1}`; });
  const idOf = new Map(ordered.map((p) => [p.key, p.id]));
  for (const st of steps) if (st.kind !== 'clock') { st.from = idOf.get(st.from) || ''; st.to = idOf.get(st.to) || ''; }
  return { participants: ordered, steps };
}

// ---- text -------------------------------------------------------------------------------------------------

/** Characters XML cannot hold at all (control characters, lone surrogates) become U+FFFD. @param {unknown} text */
export function xmlSafe(text) {
  return String(text).replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** @param {unknown} text */
export function escapeXml(text) {
  return xmlSafe(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/** @param {string} text @param {number} max */
const clip = (text, max) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** What a call step says on its arrow. @param {CallStep} st */
export function callLabel(st) {
  return `#${st.seq} ${st.operation}`;
}
/** @param {CallStep} st */
export function callResult(st) {
  return [String(st.status), st.errorType, st.state].filter(Boolean).join(' · ');
}
/** @param {SystemStep} st */
export function systemLabel(st) {
  return st.event === st.state ? `${st.state} ${st.handshakeId}` : `${st.event}: ${st.state} ${st.handshakeId}`;
}
/** @param {ClockStep} st */
export function clockLabel(st) {
  return `Clock ${formatTime(st.now, { ms: false, zone: false })} (+${formatDuration(st.delta)})`;
}

// ---- layout -----------------------------------------------------------------------------------------------

const COL_W = 230;
const CHAR_W = 7.25;                 // advance of a 12 px monospace character
const MARGIN = 16;
const HEAD_H = 44;
const ROW_H = 46;
const CLOCK_H = 30;
const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace';

/** @param {string} tag @param {Record<string, string | number>} [attrs] @param {...(TreeNode | string)} children @returns {TreeNode} */
const node = (tag, attrs = {}, ...children) => ({ tag, attrs, children });

/** The standalone file's look (the page styles the same classes in styles.css). */
const STANDALONE_STYLE = `
.seq-bg{fill:#ffffff}
.seq-head rect{fill:#eef2f7;stroke:#44546a;stroke-width:1}
.seq-head-system rect{fill:#fff6e0;stroke:#8a6100}
.seq-name{font:600 13px system-ui,sans-serif;fill:#1b2430}
.seq-detail{font:11px ${FONT};fill:#55606e}
.seq-life{stroke:#9aa5b1;stroke-dasharray:4 4}
.seq-arrow line,.seq-arrow path{stroke:#1f5fa8;stroke-width:1.5;fill:none}
.seq-arrow.seq-err line,.seq-arrow.seq-err path{stroke:#b3261e}
.seq-system line{stroke:#8a6100;stroke-width:1.5;stroke-dasharray:6 4}
.seq-label{font:12px ${FONT};fill:#1b2430;paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}
.seq-result{font:11px ${FONT};fill:#3b4654;paint-order:stroke;stroke:#ffffff;stroke-width:4px;stroke-linejoin:round}
.seq-clock rect{fill:#f3f4f6;stroke:#c4c9d0}
.seq-clock text{font:11px ${FONT};fill:#3b4654}
.seq-head-arrow{fill:#1f5fa8}.seq-head-err{fill:#b3261e}.seq-head-system{fill:#8a6100}
`;

/**
 * The drawing as a tree. standalone: with xmlns, a background and its own <style> (a file that stands alone);
 * otherwise each call arrow carries data-step (its index in model.steps) for the page to make it a button.
 * @param {SequenceModel} model
 * @param {{standalone?: boolean, idPrefix?: string, selected?: number}} [options]
 * @returns {TreeNode}
 */
export function sequenceTree(model, { standalone = false, idPrefix = 'seq', selected = -1 } = {}) {
  const { participants, steps } = model;
  const x = new Map(participants.map((p, i) => [p.id, MARGIN + i * COL_W + COL_W / 2]));
  const width = Math.max(MARGIN * 2 + participants.length * COL_W, 320);
  let right = width - MARGIN;
  let y = MARGIN + HEAD_H + 18;
  /** @type {TreeNode[]} */
  const rows = [];
  const marker = (/** @type {string} */ kind) => `url(#${idPrefix}-${kind})`;
  steps.forEach((st, i) => {
    if (st.kind === 'clock') {
      const text = clockLabel(st);
      const w = Math.min(width - 2 * MARGIN, Math.ceil(text.length * 6.7) + 16);
      rows.push(node('g', { class: 'seq-clock' },
        node('rect', { x: width / 2 - w / 2, y: y, width: w, height: 20, rx: 10 }),
        node('text', { x: width / 2, y: y + 14, 'text-anchor': 'middle' }, text)));
      y += CLOCK_H;
      return;
    }
    const x1 = x.get(st.from) ?? MARGIN;
    const x2 = x.get(st.to) ?? x1;
    const lineY = y + 30;
    const self = x1 === x2;
    const mid = self ? x1 + 8 : (x1 + x2) / 2;
    const anchor = self ? 'start' : 'middle';
    const label = st.kind === 'call' ? callLabel(st) : systemLabel(st);
    const result = st.kind === 'call' ? callResult(st) : '';
    const err = st.kind === 'call' && st.status !== 200;
    const shape = self
      ? node('path', { d: `M ${x1} ${lineY - 6} h 34 v 12 h -32`, 'marker-end': marker(err ? 'err' : 'arrow') })
      : node('line', { x1, y1: lineY, x2: x2 + (x2 > x1 ? -2 : 2), y2: lineY, 'marker-end': marker(st.kind === 'system' ? 'system' : err ? 'err' : 'arrow') });
    const texts = [node('text', { class: 'seq-label', x: self ? x1 + 40 : mid, y: y + (self ? 22 : 12), 'text-anchor': anchor }, label)];
    if (result) texts.push(node('text', { class: 'seq-result', x: self ? x1 + 40 : mid, y: y + (self ? 36 : 24), 'text-anchor': anchor }, result));
    /** @type {Record<string, string | number>} */
    const attrs = { class: ['seq-step', st.kind === 'system' ? 'seq-system' : 'seq-arrow', err && 'seq-err', i === selected && 'seq-selected'].filter(Boolean).join(' ') };
    if (st.kind === 'call' && !standalone) {
      attrs['data-step'] = i;
      attrs['data-seq'] = st.seq;
    }
    // The button's area: the arrow and its text.
    const textW = Math.ceil(Math.max(label.length, result.length) * CHAR_W);
    const left = Math.min(x1 - 6, self ? x1 : mid - textW / 2 - 6);
    const end = Math.max(Math.max(x1, x2) + 6, self ? x1 + 46 + textW : mid + textW / 2 + 6);
    right = Math.max(right, end);
    const hit = standalone ? [] : [node('rect', { class: 'seq-hit', x: left, y: y - 2, width: end - left, height: ROW_H - 4, rx: 6 })];
    const title = st.kind === 'call'
      ? `${callLabel(st)} by ${model.participants.find((p) => p.id === st.from)?.name ?? ''}: ${callResult(st)}${st.handshakeId ? `, handshake ${st.handshakeId}` : ''}`
      : `${systemLabel(st)} (by the system)`;
    rows.push(node('g', attrs, node('title', {}, title), ...hit, shape, ...texts));
    y += ROW_H;
  });
  const height = y + 8;
  const fullWidth = Math.ceil(right + MARGIN);
  const heads = participants.map((p) => {
    const cx = /** @type {number} */ (x.get(p.id));
    return node('g', { class: `seq-head${p.system ? ' seq-head-system' : ''}`, 'data-party': p.id },
      node('title', {}, `${p.name} (${p.detail})`),
      node('line', { class: 'seq-life', x1: cx, y1: MARGIN + HEAD_H, x2: cx, y2: height - 4 }),
      node('rect', { x: cx - COL_W / 2 + 8, y: MARGIN, width: COL_W - 16, height: HEAD_H, rx: 6 }),
      node('text', { class: 'seq-name', x: cx, y: MARGIN + 18, 'text-anchor': 'middle' }, clip(p.name, 22)),
      node('text', { class: 'seq-detail', x: cx, y: MARGIN + 34, 'text-anchor': 'middle' }, clip(p.detail, 24)));
  });
  const arrowHead = (/** @type {string} */ id, /** @type {string} */ cls) => node('marker', { id: `${idPrefix}-${id}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    node('path', { d: 'M 0 0 L 10 5 L 0 10 z', class: cls }));
  const description = `${participants.length} lifelines: ${participants.map((p) => p.name).join(', ')}. ${steps.filter((st) => st.kind === 'call').length} calls.`;
  /** @type {Record<string, string | number>} */
  const rootAttrs = { viewBox: `0 0 ${fullWidth} ${height}`, width: fullWidth, height, class: 'seq-svg' };
  if (standalone) Object.assign(rootAttrs, { xmlns: 'http://www.w3.org/2000/svg', role: 'img' });
  return node('svg', rootAttrs,
    node('title', {}, 'The session as a sequence diagram'),
    node('desc', {}, description),
    node('defs', {}, arrowHead('arrow', 'seq-head-arrow'), arrowHead('err', 'seq-head-err'), arrowHead('system', 'seq-head-system'),
      ...(standalone ? [node('style', {}, STANDALONE_STYLE)] : [])),
    ...(standalone ? [node('rect', { class: 'seq-bg', x: 0, y: 0, width: fullWidth, height })] : []),
    node('g', { class: 'seq-heads' }, ...heads),
    node('g', { class: 'seq-steps' }, ...rows));
}

/**
 * The tree as XML text: every text and attribute value escaped.
 * @param {TreeNode | string} n
 * @returns {string}
 */
export function toXml(n) {
  if (typeof n === 'string') return escapeXml(n);
  if (!/^[a-zA-Z][\w-]*$/.test(n.tag)) throw new Error(`bad tag ${n.tag}`);
  const attrs = Object.entries(n.attrs).map(([k, v]) => {
    if (!/^[a-zA-Z][\w:-]*$/.test(k)) throw new Error(`bad attribute ${k}`);
    return ` ${k}="${escapeXml(v)}"`;
  }).join('');
  return n.children.length ? `<${n.tag}${attrs}>${n.children.map(toXml).join('')}</${n.tag}>` : `<${n.tag}${attrs}/>`;
}

/** A standalone SVG file of the model. @param {SequenceModel} model */
export function svgText(model) {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${toXml(sequenceTree(model, { standalone: true, idPrefix: 'seq' }))}\n`;
}

// ---- Mermaid ----------------------------------------------------------------------------------------------

/**
 * A label Mermaid shows as it is and cannot read as syntax: letters, digits, spaces and a few harmless marks
 * only (no ; # % : < > " ` { } [ ] or line breaks; runs of - become one), on one line, at most max characters.
 * @param {unknown} text
 * @param {number} [max]
 */
export function mermaidLabel(text, max = 80) {
  const clean = String(text)
    .replace(/[^\p{L}\p{N} _.,@()+=?!'/-]/gu, ' ')
    .replace(/-{2,}/g, '-')
    .replace(/\s+/g, ' ')
    .trim();
  return clip(clean, max) || '(unnamed)';
}

/** @param {SequenceModel} model @returns {string} */
export function mermaidText(model) {
  const lines = ['sequenceDiagram'];
  for (const p of model.participants) lines.push(`    participant ${p.id} as ${mermaidLabel(p.system ? p.name : `${p.name} ${p.detail !== p.name ? p.detail : ''}`)}`);
  const first = model.participants[0]?.id;
  const last = model.participants[model.participants.length - 1]?.id;
  for (const st of model.steps) {
    if (st.kind === 'clock') {
      if (first) lines.push(`    Note over ${first}${last && last !== first ? `,${last}` : ''}: ${mermaidLabel(clockLabel(st))}`);
    } else if (st.kind === 'call') {
      lines.push(`    ${st.from}${st.status === 200 ? '->>' : '-x'}${st.to}: ${mermaidLabel(`call ${st.seq} ${st.operation} ${[String(st.status), st.errorType, st.state].filter(Boolean).join(' ')}`)}`);
    } else {
      lines.push(`    ${st.from}-->>${st.to}: ${mermaidLabel(`${st.event === st.state ? st.state : `${st.event} ${st.state}`} ${st.handshakeId}`)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

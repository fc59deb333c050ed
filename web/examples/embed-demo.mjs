// @ts-check
// Example host page: two embedded playgrounds, the sender's and the recipient's view of one world.
//
// How the two stay the same: both start from the same scenario and seed; every call a user makes in one
// embed arrives here as a "call" message (by: "user") and is sent to the other embed as a "send" command.
// Calls this page sends itself go to both embeds, in the same order. The engine is deterministic, so the same
// calls in the same order give the same world, ids included; the embeds' world digests confirm it.

const PLAYGROUND = new URL('../index.html', window.location.href);
const ORIGIN = PLAYGROUND.origin;
const CHANNEL = 'handshake-playground';
const COMMON = { embed: '1', compact: '1', scenario: 'docs', seed: '0', panels: 'request,response,handshakes,log', parentOrigin: window.location.origin };

/**
 * @typedef {{actAs: string, operation: string, title: string, frame: HTMLIFrameElement | null,
 *   digest: string | null, ready: boolean}} View
 * @typedef {'sender' | 'recipient'} ViewId
 */

/** @param {string} id */
function byId(id) {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el;
}

/** @type {Record<ViewId, View>} */
const views = {
  sender: { actAs: '111111111111', operation: 'InviteAccountToOrganization', title: 'Playground: the sender\'s view (Bill)', frame: null, digest: null, ready: false },
  recipient: { actAs: '222222222222', operation: 'AcceptHandshake', title: 'Playground: the recipient\'s view (Susan)', frame: null, digest: null, ready: false },
};

let nextRequest = 1;

/** @param {string} id @param {View} view */
function embedUrl(id, { actAs, operation }) {
  const url = new URL(PLAYGROUND);
  for (const [key, value] of Object.entries({ ...COMMON, actAs, operation, embedId: id })) url.searchParams.set(key, value);
  return url.href;
}

function createFrames() {
  for (const [id, view] of Object.entries(views)) {
    const frame = document.createElement('iframe');
    frame.title = view.title;
    frame.src = embedUrl(id, view);
    frame.setAttribute('allow', 'clipboard-write');
    frame.dataset.embed = id;
    byId(`${id}-slot`).append(frame);
    view.frame = frame;
  }
}

/** @param {ViewId} id @param {Record<string, unknown>} message */
function command(id, message) {
  const view = views[id];
  if (!view.frame || !view.frame.contentWindow) return;
  view.frame.contentWindow.postMessage({ ...message, channel: CHANNEL, requestId: `r${nextRequest++}` }, ORIGIN);
}

/** @param {Record<string, unknown>} message */
function toBoth(message) {
  for (const id of /** @type {ViewId[]} */ (Object.keys(views))) command(id, message);
}

/** @param {ViewId} id @returns {ViewId} */
function other(id) {
  return id === 'sender' ? 'recipient' : 'sender';
}

/** @param {ViewId} id @param {Record<string, any>} message */
function logLine(id, message) {
  const parts = [`[${id}] ${message.type}`];
  if (message.by) parts.push(`by ${message.by}`);
  if (message.type === 'call') parts.push(`${message.operation} → ${message.status}`);
  if (message.type === 'state') parts.push(message.reason);
  if (message.type === 'result') parts.push(`${message.command} ${message.ok ? 'ok' : `failed: ${message.error}`}`);
  const li = document.createElement('li');
  li.textContent = parts.join(' · ');  // text only: nothing from a message is parsed as HTML
  li.dataset.type = String(message.type);
  li.dataset.embed = id;
  const log = byId('message-log');
  log.prepend(li);
  while (log.children.length > 200) log.lastElementChild?.remove();
}

function showSync() {
  const el = byId('sync');
  const { sender, recipient } = views;
  if (!sender.ready || !recipient.ready) { el.textContent = 'Waiting for both views…'; el.dataset.sync = 'waiting'; return; }
  const same = sender.digest !== null && sender.digest === recipient.digest;
  el.textContent = same ? `Both views show the same world (${sender.digest}).` : 'The views differ for now (a call is on its way to the other view).';
  el.dataset.sync = same ? 'same' : 'different';
}

/** @param {MessageEvent} event */
function onMessage(event) {
  if (event.origin !== ORIGIN) return;
  const id = /** @type {ViewId[]} */ (Object.keys(views)).find((key) => views[key].frame && views[key].frame.contentWindow === event.source);
  const message = event.data;
  if (!id || !message || typeof message !== 'object' || message.channel !== CHANNEL) return;
  logLine(id, message);
  const view = views[id];
  if (message.type === 'ready') {
    view.ready = true;
    byId(`${id}-state`).textContent = `Ready, acting as ${message.caller}.`;
  }
  if (typeof message.worldDigest === 'string') view.digest = message.worldDigest;
  if (message.type === 'state' && message.reason === 'actAs') {
    byId(`${id}-state`).textContent = `Acting as ${message.caller}.`;
  }
  // Relay what a person did in one view to the other view.
  if (message.type === 'call' && message.by === 'user') {
    command(other(id), { type: 'send', caller: message.caller, target: message.target, body: message.body });
  }
  if (message.type === 'state' && message.by === 'user' && message.reason === 'scenario') {
    command(other(id), { type: 'reset', scenario: message.scenario, seed: message.seed });
  }
  showSync();
}

window.addEventListener('message', onMessage);
createFrames();

byId('host-invite').addEventListener('click', () => toBoth({
  type: 'send', caller: '111111111111', operation: 'InviteAccountToOrganization',
  body: { Target: { Type: 'EMAIL', Id: 'susan@example.com' }, Notes: 'Sent from the documentation page.' },
}));
byId('host-advance').addEventListener('click', () => toBoth({
  type: 'send', caller: null, target: 'Simulator.AdvanceTime', body: { Seconds: 86400 },
}));
byId('host-reset').addEventListener('click', () => toBoth({ type: 'reset', scenario: 'docs', seed: 0 }));

// @ts-check
// Handshake Playground: the shell. It creates the store and the actions, mounts one module per panel
// (web/panels/), and wires the URL, share links, lessons and the embed bridge. See docs/architecture-web.md.

import { $ } from './dom.mjs';
import { engine } from './engine-boot.mjs';
import { createStore, initialState, timelineFlags } from './store.mjs';
import { createActions, errorMessage } from './actions.mjs';
import { foregroundPending, setPending, track } from './ui.mjs';
import { buildForm } from './composer.mjs';
import { SNIPPET_KINDS, snippet } from './codegen.mjs';
import { commentText, pythonView } from './python-view.mjs';
import { prettyJson, renderCode } from './highlight.mjs';
import { movesFrom, renderDiagram } from './diagram.mjs';
import { analyseMoves, relation } from './moves.mjs';
import { initShare } from './share.mjs';
import { initPersistence } from './persist.mjs';
import { isSessionFragment } from './session.mjs';
import { rememberHidden, rememberedHidden } from './lessons-shown.mjs';
import { initEmbed, readEmbedConfig } from './embed.mjs';
import { mount as mountNotice } from './panels/notice.mjs';
import { mount as mountClock } from './panels/clock.mjs';
import { mount as mountWorld } from './panels/world.mjs';
import { mount as mountRequest } from './panels/request.mjs';
import { mount as mountMoves } from './panels/moves.mjs';
import { mount as mountResponse } from './panels/response.mjs';
import { mount as mountHandshakes } from './panels/handshakes.mjs';
import { mount as mountDiagram } from './panels/diagram.mjs';
import { mount as mountLog } from './panels/log.mjs';
import { mount as mountSequence } from './panels/sequence.mjs';
import { mount as mountContext } from './panels/context.mjs';
import { mount as mountShortcuts } from './panels/shortcuts.mjs';
import { mount as mountParties } from './panels/parties.mjs';

/** @typedef {import('./store.mjs').PageState} PageState */

/**
 * The diagram follows the selected handshake's lifecycle (and stays on it once the handshake is deselected).
 * @param {PageState} state
 * @returns {Partial<PageState> | null}
 */
function followSelection(state) {
  if (!state.selected) return null;
  const hs = state.world.Handshakes.find((x) => x.Id === state.selected);
  return hs && hs.Action !== state.lifecycleAction && state.lifecycles.has(hs.Action) ? { lifecycleAction: hs.Action } : null;
}

// derive: the diagram follows the selection; canUndo / canRedo follow the log and the redo branch.
const store = createStore(initialState(), { derive: (s) => {
  const fix = followSelection(s);
  const flags = timelineFlags(fix ? { ...s, ...fix } : s);
  return fix || flags ? { ...fix, ...flags } : null;
} });
const actions = createActions(store, engine);

// What the panels get besides the store: the actions, the engine, and the view modules (listed here, so that
// the page's module graph as index.html preloads it stays visible in one file).
const deps = {
  actions, client: engine, buildForm, renderCode, prettyJson, pythonView, commentText, snippet, SNIPPET_KINDS,
  renderDiagram, movesFrom, analyseMoves, relation,
  /** The Sequence panel's drawing, loaded when that panel is first drawn. */
  loadSequence: () => import('./sequence.mjs'),
};
/** @typedef {typeof deps} Deps */

/** The interface the share, lesson and embed modules use (the state, events, actions). */
export const api = actions.api;

/** @type {[(root: HTMLElement, store: import('./store.mjs').Store<PageState>, deps: Deps) => void, string][]} */
const PANELS = [
  [mountNotice, 'body'],
  [mountClock, '#clock'],
  [mountWorld, '.panel-world'],
  [mountRequest, '#composer'],
  [mountMoves, '.moves'],
  [mountResponse, '#response'],
  [mountHandshakes, '.panel-handshakes'],
  [mountDiagram, '.panel-diagram'],
  [mountLog, '.panel-log'],
  [mountSequence, '.panel-sequence'],
  [mountContext, '.topbar'],
  [mountShortcuts, 'body'],
  [mountParties, '#parties'],
];

// Until the engine is ready nothing can be used: index.html marks #main and #clock inert (no click, no
// focus, nothing a click could break), the rest of the header's controls are made inert here, and #starting
// says "Starting the engine…" (a fixed box: it moves nothing when it goes). The panels stay out of sight
// (#main[aria-busy="true"] in styles.css) until they are drawn, so that the start shifts nothing.
const STARTING_INERT = ['#main', '#clock', '#context-bar', '#open-full'];
for (const selector of STARTING_INERT) document.querySelector(selector)?.setAttribute('inert', '');

/**
 * Wait until no work but main()'s own is in flight (<html data-pending>, less the work drawn into space
 * kept for it, like the Request panel's preview), or at most `limit` ms: at once when
 * there is none, else the moment the last of it ends.
 * @param {number} limit
 * @returns {Promise<void>}
 */
function idle(limit) {
  const root = document.documentElement;
  const quiet = () => !(foregroundPending() > 1);
  if (quiet()) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => { observer.disconnect(); clearTimeout(timer); resolve(); };
    const observer = new MutationObserver(() => { if (quiet()) done(); });
    const timer = setTimeout(done, limit);
    observer.observe(root, { attributes: true, attributeFilter: ['data-pending'] });
  });
}

function started() {
  for (const selector of STARTING_INERT) document.querySelector(selector)?.removeAttribute('inert');
  $('#main').setAttribute('aria-busy', 'false');
  // Said once to screen readers (a status region), then out of sight.
  const status = $('#starting');
  status.textContent = 'The engine is ready.';
  status.classList.add('sr-only');
  store.update({ ready: true });
}

/** @typedef {ReturnType<typeof import('./lessons.mjs').initLessons>} Lessons */

/**
 * The lessons (lessons.mjs and its checks, an eighth of the page's code) are loaded when they are needed: at
 * the start when the page shows them (an embed, ?lesson=, a learner who left them shown), else on the first
 * click on "Show lessons" or "Try lesson 1", which lessons.mjs then answers. Until then the panel's head is
 * what lessons.mjs draws for folded lessons on a first visit: the toggle, and lesson 1 offered.
 * @param {import('./embed.mjs').EmbedConfig} config
 * @returns {{load: () => Promise<Lessons>}}
 */
function lessonsOnDemand(config) {
  /** @type {Promise<Lessons> | null} */
  let loading = null;
  const load = () => (loading ??= track(import('./lessons.mjs').then((m) => m.initLessons(api, config))));
  if (config.embed || config.lesson || rememberedHidden() === false) {
    load().catch((err) => actions.showFatal(`The lessons could not be loaded: ${errorMessage(err)}`));
    return { load };
  }
  const toggle = $('#lessons-toggle');
  const offer = $('#lesson-first');
  offer.hidden = false;
  /** @param {MouseEvent} event */
  const first = (event) => {
    toggle.removeEventListener('click', first);
    offer.removeEventListener('click', first);
    const failed = (/** @type {unknown} */ err) => actions.showNotice(`${errorMessage(err)}.`, { title: 'The lessons could not be loaded.' });
    if (event.currentTarget === toggle) {
      // Shown at once, as lessons.mjs shows them (and remembered); lessons.mjs, once loaded, fills the catalog.
      $('#lessons-body').hidden = false;
      toggle.setAttribute('aria-expanded', 'true');
      toggle.textContent = 'Hide lessons';
      offer.hidden = true;
      $('#lesson-catalog-status').textContent = 'Loading the lessons…';
      rememberHidden(false);
      load().catch(failed);
    } else {
      // Lesson 1 is started by lessons.mjs, which answers this click again once it is loaded.
      load().then(() => offer.click(), failed);
    }
  };
  toggle.addEventListener('click', first);
  offer.addEventListener('click', first);
  return { load };
}

/**
 * The first world: the address's session link, else a lesson, else the session a reload or an earlier visit
 * left in localStorage, else the scenario. A link that is refused falls back to that stored session.
 * @param {import('./embed.mjs').EmbedConfig} config
 * @param {ReturnType<typeof initShare>} share
 * @param {{load: () => Promise<Lessons>}} lessons
 * @param {ReturnType<typeof initPersistence>} persist
 */
async function firstWorld(config, share, lessons, persist) {
  const stored = persist.stored();
  const hash = window.location.hash.slice(1);
  const linked = isSessionFragment(hash);
  let started = await share.openFromLocation(stored && !stored.plain ? { instead: 'Your last session was restored instead.' } : {});
  if (started && stored && stored.view && stored.fragment === hash) api.applyView(stored.view);
  if (!started && config.lesson) started = await (await lessons.load()).startById(config.lesson);
  if (!started && stored) {
    const problem = await share.openStored(stored.fragment);
    if (problem === null) {
      started = true;
      if (stored.view) api.applyView(stored.view);
    } else {
      const refused = linked && store.getState().notice;
      api.showNotice(`${problem} The default scenario was started instead.`, { title: refused ? 'Neither the link nor your last session could be opened.' : 'Your last session could not be restored.' });
    }
  }
  // Quiet: the status region says "The engine is ready." once the page can be used.
  if (!started) await actions.loadScenario(config.scenario || store.getState().scenario, { seed: config.seed, by: 'start', quiet: true });
}

async function main() {
  setPending(1);
  const config = readEmbedConfig(window.location);
  store.update({ readonly: config.readonly });
  for (const [mount, selector] of PANELS) mount($(selector), store, deps);
  const embed = initEmbed(api, config);
  const persist = initPersistence(store, api, config);
  const share = initShare(api, config, { current: () => persist.fragment });
  const lessons = lessonsOnDemand(config);
  try {
    // The diagram's lifecycle table (built with the site; else asked for at once, answered as soon as the
    // engine is ready), kept quietly, and drawn with the first world.
    const lifecycles = actions.loadLifecycles({ quiet: true });
    lifecycles.catch(() => {});
    await engine.ready;
    await firstWorld(config, share, lessons, persist);
    if (config.actAs && api.accountById(config.actAs)) actions.setCaller(config.actAs);
    if (config.operation && config.operation !== store.getState().operation) actions.setOperation(config.operation);
    // The lifecycle table, and whatever else the start set going (the lessons' catalog), before the panels
    // are shown: they appear drawn, in one frame, and nothing moves after.
    await lifecycles;
    store.notify();
    await idle(2000);
    started();
    // ?rewind=N: open on the moment right after call #N of the session (a share link's, or the scenario's).
    if (config.rewind !== null && !(await actions.rewindTo(config.rewind, { by: 'start' }))) {
      actions.showNotice(`There is no call #${config.rewind} in this session: it is shown as it stands.`, { title: 'The rewind point was not found.' });
    }
    document.documentElement.dataset.ready = 'true';
    performance.mark('playground-ready');
    embed.ready();
    await persist.start();
  } catch (err) {
    $('#starting').textContent = 'The engine could not be started.';
    actions.showFatal(`The engine could not be started: ${errorMessage(err)}`);
  } finally {
    setPending(-1);
  }
}

main();

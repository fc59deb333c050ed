// @ts-check
// Handshake Playground: the shell. It creates the store and the actions, mounts one module per panel
// (web/panels/), and wires the URL, share links, lessons and the embed bridge. See docs/architecture-web.md.

import { $ } from './dom.mjs';
import { engine } from './engine-boot.mjs';
import { createStore, initialState } from './store.mjs';
import { createActions, errorMessage } from './actions.mjs';
import { setPending } from './ui.mjs';
import { buildForm } from './composer.mjs';
import { SNIPPET_KINDS, snippets } from './codegen.mjs';
import { commentText, pythonView } from './python-view.mjs';
import { prettyJson, renderCode } from './highlight.mjs';
import { movesFrom, renderDiagram } from './diagram.mjs';
import { analyseMoves, relation } from './moves.mjs';
import { initShare } from './share.mjs';
import { initLessons } from './lessons.mjs';
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
import { mount as mountContext } from './panels/context.mjs';
import { mount as mountShortcuts } from './panels/shortcuts.mjs';

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

const store = createStore(initialState(), { derive: followSelection });
const actions = createActions(store, engine);

// What the panels get besides the store: the actions, the engine, and the view modules (listed here, so that
// the page's module graph as index.html preloads it stays visible in one file).
const deps = {
  actions, client: engine, buildForm, renderCode, prettyJson, pythonView, commentText, snippets, SNIPPET_KINDS,
  renderDiagram, movesFrom, analyseMoves, relation,
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
  [mountContext, '.topbar'],
  [mountShortcuts, 'body'],
];

async function main() {
  setPending(1);
  const config = readEmbedConfig(window.location);
  store.update({ readonly: config.readonly });
  for (const [mount, selector] of PANELS) mount($(selector), store, deps);
  const embed = initEmbed(api, config);
  const share = initShare(api, config);
  const lessons = initLessons(api, config);
  try {
    await engine.ready;
    let started = await share.openFromLocation();
    if (!started && config.lesson) started = await lessons.startById(config.lesson);
    if (!started) await actions.loadScenario(config.scenario || store.getState().scenario, { seed: config.seed, by: 'start' });
    if (config.actAs && api.accountById(config.actAs)) actions.setCaller(config.actAs);
    if (config.operation && config.operation !== store.getState().operation) actions.setOperation(config.operation);
    $('#main').setAttribute('aria-busy', 'false');
    document.documentElement.dataset.ready = 'true';
    performance.mark('playground-ready');
    embed.ready();
    // The lifecycle table only feeds the diagram: fetch it once the page can already be used.
    await actions.loadLifecycles();
  } catch (err) {
    actions.showFatal(`The engine could not be started: ${errorMessage(err)}`);
  } finally {
    setPending(-1);
  }
}

main();

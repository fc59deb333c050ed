// @ts-check
// What the page does: engine calls, the event log, scenarios, sessions. Actions change the store; the panels
// draw what changed. The share, lesson and embed modules use the same actions through `api`.

import { OPERATIONS_BY_NAME, TARGET_PREFIX, operationOfTarget } from './operations.mjs';
import { SCENARIOS, SCENARIOS_BY_ID, buildScenario } from './scenarios.mjs';
import { PREBUILT_LIFECYCLES, PREBUILT_WORLDS } from './start-world.mjs';
import { digest, isValidClock } from './session.mjs';
import { formatDuration } from './format.mjs';
import { afterPaint, announce, fillRawEditor, parseJson, serial, track } from './ui.mjs';
import { OTHER_CALLER, emptyWorld } from './store.mjs';
import { formatTime } from './view.mjs';
import { Timeline } from './timeline.mjs';

/**
 * @typedef {import('./store.mjs').PageState} PageState
 * @typedef {import('./store.mjs').Store<PageState>} PageStore
 * @typedef {import('./store.mjs').LogEntry} LogEntry
 * @typedef {import('./store.mjs').World} World
 * @typedef {import('./store.mjs').By} By
 * @typedef {import('./store.mjs').View} View
 * @typedef {import('./store.mjs').RedoCall} RedoCall
 * @typedef {{session: Session, view: View}} Snapshot
 *   Work a reset, a new scenario or an opened link replaces: what "Undo" brings back.
 * @typedef {import('./engine-calls.mjs').EngineCalls} EngineCalls
 * @typedef {{caller: string | null, target: string, body: string, status?: number | null}} Call
 * @typedef {{scenario: string, seed: number, now: number, worldDigest: string | null,
 *   calls: {caller: string | null, target: string, body: string, status: number | null}[]}} Session
 * @typedef {{seed?: number, by?: By, quiet?: boolean}} LoadOptions
 * @typedef {{seed?: number, calls?: Call[], by?: By, actAs?: string | null, operation?: string | null}} StartOptions
 */

/**
 * Page events for the share, lesson and embed modules:
 *   'call'   {entry, by}                     one request sent and logged (not the scenario's own steps)
 *   'change' {reason, by, changes, entry?}  the world was refreshed after a call, a clock move, a scenario...
 *   'caller' {caller}                       "Act as" changed
 *   'lesson' {...}                           lessons.mjs: a lesson's progress
 * by: 'user' (this page's controls), 'host' (the embedding page), 'lesson', 'link' (a replayed session).
 * @typedef {Record<string, any>} EventDetail
 */

/** The caller the page acts as: the "Act as" account, or the free-text id. @param {PageState} state */
export function currentCaller(state) {
  return state.caller === OTHER_CALLER ? state.callerOther.trim() : state.caller;
}

/** @param {PageState} state @param {string | null | undefined} id */
export function accountById(state, id) {
  return state.world.Accounts.find((a) => a.Id === id) || null;
}

/** @param {PageState} state */
export function selectedHandshake(state) {
  return state.world.Handshakes.find((hs) => hs.Id === state.selected) || null;
}

/** @param {import('./store.mjs').Account} account */
export function roleText(account) {
  if (account.Role === 'MANAGEMENT') return `management account, ${account.OrganizationId}`;
  if (account.Role === 'MEMBER') return `member, ${account.OrganizationId}`;
  if (account.Role === 'STANDALONE') return 'standalone';
  return String(account.Role || '').toLowerCase();
}

/**
 * Whether a call's answer has a provenance to ask for (Simulator.ExplainResponse): an AWS call, not a
 * Simulator control.
 * @param {string | null} caller
 * @param {string} target
 */
function explains(caller, target) {
  return caller !== null && String(target).startsWith(`${TARGET_PREFIX}.`);
}

/**
 * The provenance from Simulator.ExplainResponse's answer, as client.control() would read it; null when the
 * engine could not say.
 * @param {{status: number, body: string}} explained
 * @returns {any}
 */
function provenanceFrom({ status, body }) {
  if (status !== 200) return null;
  const parsed = parseJson(body);
  return parsed === undefined ? { Message: body } : parsed;
}

/**
 * "Act as" after the world changed: the same account if it is still there, the free-text id if one is
 * typed, else the first account (or the free-text field when there is none).
 * @param {PageState} state
 */
function normalCaller(state) {
  const accounts = state.world.Accounts || [];
  const keep = state.caller;
  if (keep && keep !== OTHER_CALLER && accounts.some((a) => a.Id === keep)) return keep;
  if (keep === OTHER_CALLER && state.callerOther.trim() !== '') return OTHER_CALLER;
  return accounts.length ? accounts[0].Id : OTHER_CALLER;
}

/**
 * @param {PageStore} store
 * @param {EngineCalls} client
 */
export function createActions(store, client) {
  const get = store.getState;
  /** @param {Partial<PageState>} patch */
  const quietly = (patch) => store.update(patch, { quiet: true });
  /** Engine snapshots along the session, for rewinding (timeline.mjs). */
  const timeline = new Timeline();

  /** @type {Map<string, Set<(detail: any) => void>>} */
  const listeners = new Map();
  /** @param {string} type @param {(detail: any) => void} fn */
  function on(type, fn) {
    if (!listeners.has(type)) listeners.set(type, new Set());
    listeners.get(type)?.add(fn);
  }
  /** @param {string} type @param {EventDetail} detail */
  function emit(type, detail) {
    for (const fn of listeners.get(type) || []) {
      try { fn(detail); } catch (err) { showFatal(`A page module failed: ${errorMessage(err)}`); }
    }
  }

  /** @param {string} message */
  function showFatal(message) { store.update({ fatal: message }); }
  /**
   * A message above the panels (a link that could not be opened, a lesson file with a problem...).
   * action: a button beside Dismiss (its label and what it does).
   * @param {string} message
   * @param {{kind?: string, title?: string | null, action?: {label: string, run: () => void} | null}} [options]
   */
  function showNotice(message, { kind = 'error', title = null, action = null } = {}) {
    store.update({ notice: { kind, title, message, action } });
  }
  function hideNotice() { store.update({ notice: null }); }

  /** Draw everything that changed; "Act as" follows the world. @param {Partial<PageState>} [patch] */
  function commit(patch = {}) {
    store.update((s) => ({ ...patch, caller: normalCaller({ ...s, ...patch }) }));
  }

  // ---- engine calls and the event log ----------------------------------------------------------------

  /**
   * Send one request and record it in the event log. caller null marks a Simulator control.
   * @param {string | null} caller
   * @param {string} target
   * @param {string} body
   * @param {By} [by]
   * @returns {Promise<LogEntry>}
   */
  async function record(caller, target, body, by = 'user') {
    const now = get().world.Now;
    // An AWS call's provenance comes in the same message as its answer (one round trip to the worker).
    const response = explains(caller, target) ? await client.callExplained(caller ?? '', target, body) : await client.call(caller ?? '', target, body);
    return logAnswer(caller, target, body, by, now, response);
  }

  /**
   * The second half of record(): log a call the engine answered (a prebuilt scenario's steps come this way).
   * @param {string | null} caller
   * @param {string} target
   * @param {string} body
   * @param {By} by
   * @param {number} now  the clock when it was sent
   * @param {{status: number, body: string, explained?: {status: number, body: string}}} response  explained:
   *   Simulator.ExplainResponse's answer about it, when the worker sent it with the answer
   * @returns {Promise<LogEntry>}
   */
  async function logAnswer(caller, target, body, by, now, response) {
    const seq = get().seq + 1;
    quietly({ seq });
    /** @type {LogEntry} */
    const entry = {
      seq, now, caller, target, body, by,
      status: response.status, response: response.body, parsed: parseJson(response.body), provenance: null,
    };
    entry.provenance = response.explained ? provenanceFrom(response.explained) : await provenanceOf(entry);
    store.update((s) => ({
      log: [...s.log, entry],
      world: entry.parsed && typeof entry.parsed.Now === 'number' ? { ...s.world, Now: entry.parsed.Now } : s.world,
      // A new call drops the redo branch (Redo and a replayed session send theirs as 'link').
      redo: by === 'scenario' || by === 'link' ? s.redo : [],
    }), { quiet: true });
    if (by !== 'scenario') {
      const k = get().log.length - get().sessionStart;
      timeline.called(k);
      if (timeline.wants(k)) await keepSnapshot(k);
      emit('call', { entry, by });
    }
    return entry;
  }

  /** Keep the world after session call k for rewinding (nothing when the engine cannot export it). @param {number} k */
  async function keepSnapshot(k) {
    const { status, body } = await client.call('', 'Simulator.ExportWorld', '{}');
    if (status === 200) timeline.keep(k, body);
  }

  /**
   * @param {string} control
   * @param {object} request
   * @param {By} [by]
   */
  async function simulator(control, request, by = 'scenario') {
    const entry = await record(null, `Simulator.${control}`, JSON.stringify(request), by);
    if (entry.status !== 200) {
      const p = entry.parsed || {};
      throw new Error(`Simulator.${control} answered ${entry.status} ${p.__type || ''}: ${p.Message || entry.response}`);
    }
    return entry;
  }

  /** Ask the engine for the world (quietly) and say what changed. */
  async function refreshWorld() {
    const before = new Map(get().world.Handshakes.map((hs) => [hs.Id, hs.State]));
    /** @type {World} */
    const world = await client.control('DescribeWorld', {});
    const changes = [];
    const seen = new Set();
    let { selected, just } = get();
    for (const hs of world.Handshakes) {
      seen.add(hs.Id);
      const old = before.get(hs.Id);
      if (old === undefined) changes.push(`New ${hs.Action} handshake ${hs.Id}, state ${hs.State}.`);
      else if (old !== hs.State) {
        changes.push(`Handshake ${hs.Id} (${hs.Action}) changed from ${old} to ${hs.State}.`);
        if (hs.Id === selected) just = { from: old, to: hs.State };
      }
    }
    for (const id of before.keys()) if (!seen.has(id)) changes.push(`Handshake ${id} is gone (retention ended).`);
    if (selected && !seen.has(selected)) selected = null;
    quietly({ world, selected, just });
    return changes;
  }

  /**
   * Which rule produced an AWS call's response and how far to trust it ({Rule, Provenance, Source} from
   * Simulator.ExplainResponse), or null for Simulator controls and when the engine cannot say.
   * @param {LogEntry} entry
   */
  async function provenanceOf(entry) {
    if (!explains(entry.caller, entry.target)) return null;
    try {
      return await client.control('ExplainResponse', { Target: entry.target, Status: entry.status, Body: entry.response });
    } catch {
      return null;
    }
  }

  // ---- requests ----------------------------------------------------------------------------------------

  /** The Send button: the composed request, as the caller chosen. */
  function send() {
    const state = get();
    if (!state.ready || state.readonly || state.sending) return undefined;
    store.update({ sending: true });
    const { target, body } = state.draft;
    const req = { caller: currentCaller(state), target, body, by: /** @type {By} */ ('user') };
    return track(serial(() => performRequest(req))).finally(() => store.update({ sending: false }));
  }

  /**
   * Send one request as the page's own send button does: logged, world refreshed, shown, announced.
   * @param {{caller: string | null, target: string, body: string, by: By}} req
   */
  function request({ caller, target, body, by }) {
    return track(serial(() => performRequest({ caller, target, body, by })));
  }

  /** @param {{caller: string | null, target: string, body: string, by: By}} req */
  async function performRequest({ caller, target, body, by }) {
    try {
      // A snapshot replaces the world: keep the current one until the engine's answer is known to be sound.
      const previous = target === 'Simulator.ImportWorld' ? await exportForRollback() : null;
      const entry = await record(caller, target, body, by);
      if (previous && entry.status === 200 && !(await keepImportedWorld(previous, entry))) return null;
      // The answer is drawn at once (the Response panel, the event log, the result beside Send) and painted
      // before the world it changed is fetched (O(world)): the world's panels follow in the next frame.
      store.update({ shown: entry });
      await afterPaint();
      // A response that carries a handshake selects it (diagram, moves, pickers follow).
      const hs = entry.parsed && entry.parsed.Handshake;
      const before = get().selected;
      if (entry.status === 200 && hs && hs.Id) quietly({ selected: hs.Id });
      quietly({ just: null });
      const changes = await refreshWorld();
      const { selected, selectKey } = get();
      commit({ shown: entry, selectKey: selected && selected !== before ? selectKey + 1 : selectKey });
      const p = entry.parsed || {};
      announce([`${operationOfTarget(target)}: HTTP ${entry.status}${entry.status !== 200 && p.__type ? ` ${p.__type}` : ''}${p.Reason ? ` ${p.Reason}` : ''}.`, ...changes].join(' '));
      emit('change', { reason: 'call', by, changes, entry });
      return entry;
    } catch (err) {
      showFatal(`The request failed: ${errorMessage(err)}`);
      return null;
    }
  }

  /** The current snapshot (Simulator.ExportWorld's World), or null when the engine cannot export it. */
  async function exportForRollback() {
    const { status, body } = await client.call('', 'Simulator.ExportWorld', '{}');
    const parsed = status === 200 ? parseJson(body) : null;
    return parsed && parsed.World ? parsed.World : null;
  }

  /**
   * After a snapshot was accepted: true when the world is sound (a clock the page can show, one handshake per
   * id, a world the engine can export). Otherwise the previous world is imported again, the call is dropped
   * from the log (a share link of this session must not carry it), the page says why, and false is returned.
   * @param {unknown} previous
   * @param {LogEntry} entry
   */
  async function keepImportedWorld(previous, entry) {
    const { status, body } = await client.call('', 'Simulator.DescribeWorld', '{}');
    const world = status === 200 ? parseJson(body) : null;
    let problem = null;
    if (!world) problem = 'the engine cannot describe the world it made';
    else if (!isValidClock(world.Now)) problem = 'its clock is outside the range the playground shows (1970 to 9999)';
    else {
      const ids = (world.Handshakes || []).map((/** @type {{Id: string}} */ hs) => hs.Id);
      if (new Set(ids).size !== ids.length) problem = 'it holds two handshakes with one id';
      else if ((await client.call('', 'Simulator.ExportWorld', '{}')).status !== 200) problem = 'the engine cannot export the world it made';
    }
    if (!problem) return true;
    const restored = await client.call('', 'Simulator.ImportWorld', JSON.stringify({ World: previous }));
    quietly({ log: get().log.filter((e) => e !== entry) });
    timeline.truncate(get().log.length - get().sessionStart);
    await refreshWorld();
    commit();
    showNotice(`The engine accepted the snapshot, but ${problem}. ${restored.status === 200 ? 'The previous world was restored.' : 'The previous world could not be restored: use Reset.'}`, { title: 'The snapshot was refused.' });
    announce(`The snapshot was refused: ${problem}.`);
    return false;
  }

  // ---- the clock, scenarios, accounts -------------------------------------------------------------------

  /** @param {number} seconds @param {By} [by] */
  function advance(seconds, by = 'user') {
    if (by === 'user' && (get().readonly || !get().ready)) return undefined;
    return track(serial(() => advanceNow(seconds, by)));
  }

  /** @param {number} seconds @param {By} by */
  async function advanceNow(seconds, by) {
    try {
      quietly({ just: null });
      const entry = await simulator('AdvanceTime', { Seconds: seconds }, by);
      const changes = await refreshWorld();
      commit();
      const days = seconds / 86400;
      announce([`Clock advanced ${Number.isInteger(days) ? `${days} day${days === 1 ? '' : 's'}` : formatDuration(seconds)} to ${formatTime(get().world.Now)}.`, ...changes].join(' '));
      emit('change', { reason: 'clock', by, changes, entry });
      return entry;
    } catch (err) {
      announce(errorMessage(err));
      return null;
    }
  }

  /**
   * "To expiry": the clock moves to one second past the selected handshake's expiration, so that an OPEN
   * handshake shows EXPIRED. Returns undefined when there is nothing to expire (see expiryOf).
   */
  function advanceToExpiry() {
    const target = expiryOf(get());
    if (!target || get().readonly) return undefined;
    return advance(target.seconds);
  }

  /**
   * Build a scenario from scratch. options: {seed (default: the Seed field), by ('user'), quiet}.
   * @param {string} id
   * @param {LoadOptions} [options]
   */
  function loadScenario(id, options = {}) {
    return track(serial(() => loadScenarioNow(id, options)));
  }

  /** @param {string} id @param {LoadOptions} options */
  async function loadScenarioNow(id, { seed = get().seed, by = 'user', quiet = false } = {}) {
    const scenario = SCENARIOS_BY_ID.get(id) || SCENARIOS[0];
    quietly({
      scenario: scenario.id, seed, scenarioDescription: scenario.description, scenarioKey: get().scenarioKey + 1,
      log: [], shown: null, selected: null, just: null, world: emptyWorld(), redo: [],
    });
    timeline.clear();
    const prebuilt = PREBUILT_WORLDS.find((w) => w.scenario === scenario.id && w.seed === seed);
    if (!prebuilt || !(await loadPrebuilt(prebuilt))) {
      await buildScenario(simulator, scenario, { seed });
      quietly({ sessionStart: get().log.length });
      await keepSnapshot(0);
      await refreshWorld();
    }
    const operation = scenario.operation || 'InviteAccountToOrganization';
    /** @type {Record<string, unknown> | null} */
    let fields = null;
    if (scenario.operation === undefined) {
      const susan = accountById(get(), '222222222222');
      if (susan) fields = { Target: { Type: 'EMAIL', Id: susan.Email } };
    }
    commit({ caller: scenario.actAs || '', operation, formKey: get().formKey + 1, formFields: fields });
    if (!quiet) announce(`Scenario loaded: ${scenario.label}.`);
    emit('change', { reason: 'scenario', by, changes: [], scenario: scenario.id, seed });
  }

  /**
   * A scenario built ahead of time (start-world.mjs), in one call: its snapshot imported, its steps logged with
   * the answers the engine gave them, its world as described then. False (nothing logged) when the engine
   * refuses the snapshot: the caller builds the scenario step by step instead.
   * @param {import('./start-world.mjs').PrebuiltWorld} prebuilt
   */
  async function loadPrebuilt(prebuilt) {
    /** @type {World | null} */
    const world = parseJson(prebuilt.world);
    if (!world || typeof world !== 'object') return false;
    const imported = await client.call('', 'Simulator.ImportWorld', prebuilt.snapshot);
    if (imported.status !== 200) return false;
    for (const step of prebuilt.steps) {
      await logAnswer(null, step.target, step.body, 'scenario', get().world.Now, { status: step.status, body: step.response });
    }
    quietly({ sessionStart: get().log.length, world });
    timeline.keep(0, prebuilt.snapshot);
    return true;
  }

  /**
   * "Add an account": a Simulator.CreateAccount call.
   * @param {{Name: string, Email: string, Id?: string}} account
   */
  function addAccount(account) {
    if (get().readonly || !get().ready) return undefined;
    return track(serial(() => addAccountNow(account)));
  }

  /** @param {{Name: string, Email: string, Id?: string}} request */
  async function addAccountNow(request) {
    const entry = await record(null, 'Simulator.CreateAccount', JSON.stringify(request), 'user');
    if (entry.status !== 200) {
      const p = entry.parsed || {};
      store.update({ accountError: `${p.__type || 'Error'}: ${p.Message || ''}` });
      return;
    }
    await refreshWorld();
    commit({ accountError: '', accountFormKey: get().accountFormKey + 1 });
    const account = entry.parsed.Account || {};
    announce(`Account ${account.Name} (${account.Id}) added.`);
    emit('change', { reason: 'account', by: 'user', changes: [`Account ${account.Id} added.`], entry });
  }

  // ---- the composer, selection --------------------------------------------------------------------------

  /** "Act as". @param {string} id */
  function setCaller(id) {
    const changed = get().caller !== id;
    store.update({ caller: id, just: null });
    const account = accountById(get(), id);
    if (account) announce(`Acting as ${account.Name} (${account.Id}), ${roleText(account)}.`);
    if (changed) emit('caller', { caller: currentCaller(get()) });
  }

  /** Build the form for an operation (again, even when it is the current one). @param {string} name */
  function setOperation(name) {
    if (!OPERATIONS_BY_NAME.has(name)) return;
    store.update((s) => ({ operation: name, formKey: s.formKey + 1, formFields: null }));
  }

  /** The composer's editor. @param {'form' | 'raw'} mode */
  function setMode(mode) {
    if (get().mode !== mode) store.update({ mode });
  }

  /** "Compose" beside a legal move: the form for that operation, on the selected handshake. @param {string} name */
  function compose(name) {
    if (!OPERATIONS_BY_NAME.has(name)) return;
    store.update((s) => ({ mode: 'form', operation: name, formKey: s.formKey + 1, formFields: null }));
  }

  /** @param {string | null} id */
  function selectHandshake(id) {
    store.update((s) => ({ selected: id, selectKey: s.selectKey + 1, just: s.selected !== id ? null : s.just }));
  }

  /** The diagram's lifecycle; a selected handshake of another lifecycle is deselected. @param {string} action */
  function setLifecycleAction(action) {
    const hs = selectedHandshake(get());
    if (hs && hs.Action !== action) store.update({ lifecycleAction: action, selected: null, just: null });
    else store.update({ lifecycleAction: action });
  }

  /**
   * The lifecycle table (it feeds only the diagram). quiet: into the store without drawing (the start asks
   * for it with the first world, and draws both at once).
   * @param {{quiet?: boolean}} [options]
   */
  async function loadLifecycles({ quiet = false } = {}) {
    // Built with the site by this very engine (start-world.mjs), else asked for.
    const prebuilt = PREBUILT_LIFECYCLES === null ? null : parseJson(PREBUILT_LIFECYCLES);
    const { Lifecycles } = prebuilt || await client.control('DescribeLifecycle', {});
    const lifecycles = new Map();
    for (const lifecycle of Lifecycles || []) lifecycles.set(lifecycle.Action, lifecycle);
    let { lifecycleAction } = get();
    if (!lifecycles.has(lifecycleAction) && lifecycles.size) lifecycleAction = lifecycles.keys().next().value;
    store.update({ lifecycles, lifecycleAction }, { quiet });
  }

  // ---- sessions: share links, files, replay ------------------------------------------------------------

  async function worldDigestNow() {
    const { status, body } = await client.call('', 'Simulator.ExportWorld', '{}');
    return status === 200 ? digest(body) : null;
  }

  /**
   * What the session link is made of, for encoding elsewhere (session-encoder.mjs): the session without its
   * world digest, and Simulator.ExportWorld's body to digest (null when the engine cannot export the world).
   * @returns {Promise<{session: Omit<Session, 'worldDigest'>, world: string | null}>}
   */
  async function sessionPartsNow() {
    const state = get();
    const session = {
      scenario: state.scenario,
      seed: state.seed,
      now: state.world.Now,
      calls: state.log.slice(state.sessionStart).map((e) => ({ caller: e.caller, target: e.target, body: e.body, status: e.status })),
    };
    const { status, body } = await client.call('', 'Simulator.ExportWorld', '{}');
    return { session, world: status === 200 ? body : null };
  }

  /** The session so far: scenario, seed, clock, the calls made after the scenario was built. @returns {Promise<Session>} */
  async function currentSessionNow() {
    const state = get();
    return {
      scenario: state.scenario,
      seed: state.seed,
      now: state.world.Now,
      worldDigest: await worldDigestNow(),
      calls: state.log.slice(state.sessionStart).map((e) => ({ caller: e.caller, target: e.target, body: e.body, status: e.status })),
    };
  }

  /** Replay a checked session (session.mjs): its scenario and seed, then its calls in order. @param {Session} session */
  async function replayNow(session) {
    await loadScenarioNow(session.scenario, { seed: session.seed, by: 'link', quiet: true });
    const differences = [];
    for (const [i, call] of session.calls.entries()) {
      const entry = await record(call.caller, call.target, call.body, 'link');
      if (call.status !== null && entry.status !== call.status) differences.push({ index: i + 1, target: call.target, expected: call.status, got: entry.status });
    }
    quietly({ just: null });
    await refreshWorld();
    const state = get();
    const calls = state.log.slice(state.sessionStart);
    /** @type {Partial<PageState>} */
    const patch = {};
    if (calls.length) patch.shown = calls[calls.length - 1];
    const lastAws = [...calls].reverse().find((e) => e.caller && e.target.startsWith(`${TARGET_PREFIX}.`) && accountById(state, e.caller));
    if (lastAws && lastAws.caller) patch.caller = lastAws.caller;
    const lastHs = [...calls].reverse().find((e) => e.status === 200 && e.parsed && e.parsed.Handshake && e.parsed.Handshake.Id);
    if (lastHs && state.world.Handshakes.some((hs) => hs.Id === lastHs.parsed.Handshake.Id)) patch.selected = lastHs.parsed.Handshake.Id;
    const selected = patch.selected ?? state.selected;
    if (selected) patch.selectKey = state.selectKey + 1;
    commit(patch);
    const worldDigest = await worldDigestNow();
    const report = {
      calls: session.calls.length,
      differences,
      clockMatches: get().world.Now === session.now,
      worldMatches: session.worldDigest === null || session.worldDigest === worldDigest,
      worldDigest,
    };
    emit('change', { reason: 'replay', by: 'link', changes: [], scenario: get().scenario, seed: get().seed });
    return report;
  }

  /**
   * Start again from a scenario, then send `calls` ([{caller, target, body}]) as part of the start (a
   * lesson's set-up). Returns the log position after them.
   * @param {string} id
   * @param {StartOptions} [options]
   */
  async function startWithNow(id, { seed = 0, calls = [], by = 'lesson', actAs = null, operation = null } = {}) {
    await loadScenarioNow(id, { seed, by, quiet: true });
    for (const call of calls) await record(call.caller, call.target, call.body, by);
    if (calls.length) await refreshWorld();
    /** @type {Partial<PageState>} */
    const patch = { shown: null };
    if (actAs && accountById(get(), actAs)) patch.caller = actAs;
    if (operation && OPERATIONS_BY_NAME.has(operation)) Object.assign(patch, { operation, formKey: get().formKey + 1, formFields: null });
    commit(patch);
    emit('change', { reason: 'setup', by, changes: [] });
    return get().seq;
  }

  // ---- what the page shows, work that would be replaced, undo ------------------------------------------

  /** True when calls were made after the scenario was built (a reset would lose them). */
  function hasWork() {
    const state = get();
    return state.log.length > state.sessionStart;
  }

  /**
   * Show a view (persist.mjs checked it): "Act as", the selection, the request being composed (operation,
   * form values or the raw editor's text), the response shown and how. Parts that do not fit the world
   * (an account or a handshake that is not there) are left as they are.
   * @param {View} view
   */
  function applyView(view) {
    const state = get();
    const fields = parseJson(view.formBody);
    const operation = OPERATIONS_BY_NAME.has(view.operation) ? view.operation : state.operation;
    const selected = view.selected && state.world.Handshakes.some((hs) => hs.Id === view.selected) ? view.selected : state.selected;
    const caller = view.caller === OTHER_CALLER || accountById(state, view.caller) ? view.caller : state.caller;
    const shown = view.shownIndex >= 0 && view.shownIndex < state.log.length ? state.log[view.shownIndex] : view.shownIndex === -1 ? null : state.shown;
    store.update((s) => ({
      caller, callerOther: view.callerOther, selected, selectKey: s.selectKey + 1, just: null,
      operation, formKey: s.formKey + 1, formFields: fields && typeof fields === 'object' && !Array.isArray(fields) ? fields : null,
      mode: 'form', rawDirty: false, shown, view: view.view, snippet: view.snippet,
      ...(view.redo ? { redo: view.redo } : {}),
    }));
    if (view.mode === 'raw') {
      // Typed into the raw editor as a user would: the Request panel takes it from there.
      fillRawEditor(view.rawTarget, view.rawBody);
      store.update({ mode: 'raw' });
    }
  }

  /** The work there is now, or null when there is none (no calls since the scenario was built). @returns {Promise<Snapshot | null>} */
  async function snapshotNow() {
    if (!hasWork()) return null;
    return { session: await currentSessionNow(), view: viewOf(get()) };
  }

  /** Bring a snapshot back: its session replayed, then its view. @param {Snapshot} snapshot */
  async function restoreNow(snapshot) {
    await replayNow(snapshot.session);
    applyView(snapshot.view);
  }

  /**
   * After work was replaced: a notice that says so, with "Undo". Undo brings the work back, says so, and
   * moves the focus to the notice's Dismiss button (the Undo button it was on is gone).
   * @param {Snapshot} snapshot
   * @param {string} title
   * @param {string} message
   */
  function offerUndo(snapshot, title, message) {
    const calls = snapshot.session.calls.length;
    showNotice(`${message} Your ${calls} call${calls === 1 ? '' : 's'} can be brought back.`, {
      kind: 'info', title,
      action: {
        label: 'Undo',
        run: () => track(serial(async () => {
          await restoreNow(snapshot);
          showNotice(`Your ${calls} call${calls === 1 ? ' is' : 's are'} back, with the clock, the caller and the request you were writing.`, { kind: 'info', title: 'Undone.' });
          announce('Undone: your previous session is back.');
          emit('change', { reason: 'undo', by: 'user', changes: [] });
          document.getElementById('notice-dismiss')?.focus();
        })),
      },
    });
  }

  /**
   * Reset, or change the scenario: the scenario is built again; work there was can be brought back with Undo.
   * @param {string} id
   * @param {{seed?: number}} [options]
   */
  function resetScenario(id, { seed = get().seed } = {}) {
    if (get().readonly || !get().ready) return undefined;
    return track(serial(async () => {
      const before = await snapshotNow();
      const change = before && before.session.scenario !== id;
      await loadScenarioNow(id, { seed, by: 'user' });
      if (before) {
        const label = (SCENARIOS_BY_ID.get(get().scenario) || SCENARIOS[0]).label;
        offerUndo(before, change ? 'Scenario changed.' : 'Scenario reset.', change ? `"${label}" was started.` : `"${label}" was built again from scratch.`);
      } else {
        hideNotice();
      }
    }));
  }

  // ---- time travel: rewind, undo, redo ---------------------------------------------------------------

  /**
   * The log length that call number n stands for (the world right after call #n, the number the event log
   * shows; 0 or a scenario step: the scenario's start), or null when there is no such call here or in the
   * redo branch.
   * @param {PageState} state
   * @param {number} n
   */
  function lengthFor(state, n) {
    if (!Number.isSafeInteger(n) || n < 0) return null;
    const { log, sessionStart, redo, seq } = state;
    const first = sessionStart < log.length ? log[sessionStart].seq : seq + 1;
    if (n < first) return sessionStart;
    const i = log.findIndex((e) => e.seq === n);
    if (i >= sessionStart) return i + 1;
    if (n > seq && n - seq <= redo.length) return log.length + (n - seq);
    return null;
  }

  /**
   * Put the engine where it was after the session's first k calls: the nearest snapshot at or before k,
   * then the calls after it sent again (they answer as they did: the engine is deterministic).
   * @param {number} k
   * @param {Call[]} calls  the session's calls (at least k)
   */
  async function restoreEngine(k, calls) {
    const snapshot = timeline.nearest(k);
    if (!snapshot) throw new Error('no snapshot of the scenario\'s start was kept');
    const imported = await client.call('', 'Simulator.ImportWorld', snapshot.world);
    if (imported.status !== 200) throw new Error(`Simulator.ImportWorld answered ${imported.status}`);
    for (const call of calls.slice(snapshot.at, k)) await client.call(call.caller ?? '', call.target, call.body);
  }

  /**
   * Travel to log length `length`: back (the calls after it go to the front of the redo branch) or forward
   * along the redo branch (its calls sent again). The clock, the caller, the selection and the response shown
   * are those of that moment.
   * @param {number} length
   */
  async function travelNow(length) {
    const state = get();
    const from = state.log.length;
    if (length === from) return;
    // For scripts/bench-page: the engine's part (snapshot imported, calls replayed) and the page's (drawn).
    performance.mark('rewind-start');
    if (length < from) {
      const removed = state.log.slice(length);
      await restoreEngine(length - state.sessionStart, state.log.slice(state.sessionStart));
      const log = state.log.slice(0, length);
      quietly({
        log, seq: length ? log[length - 1].seq : 0, just: null,
        redo: [...removed.map((e) => ({ caller: e.caller, target: e.target, body: e.body, status: e.status })), ...state.redo],
      });
    } else {
      const calls = state.redo.slice(0, length - from);
      for (const call of calls) await record(call.caller, call.target, call.body, 'link');
      quietly({ redo: state.redo.slice(calls.length), just: null });
    }
    performance.mark('rewind-engine');
    await refreshWorld();
    const now = get();
    const calls = now.log.slice(now.sessionStart);
    /** @type {Partial<PageState>} */
    // Back: no "just moved from" a state of the future. Forward: the move redone, as a call shows it.
    const patch = { shown: calls.length ? calls[calls.length - 1] : null, ...(length < from ? { just: null } : {}) };
    const lastAws = [...calls].reverse().find((e) => e.caller && e.target.startsWith(`${TARGET_PREFIX}.`) && accountById(now, e.caller));
    if (lastAws && lastAws.caller) patch.caller = lastAws.caller;
    const lastHs = [...calls].reverse().find((e) => e.status === 200 && e.parsed && e.parsed.Handshake && e.parsed.Handshake.Id);
    const selected = lastHs && now.world.Handshakes.some((hs) => hs.Id === lastHs.parsed.Handshake.Id) ? lastHs.parsed.Handshake.Id : null;
    if (selected !== now.selected) Object.assign(patch, { selected, selectKey: now.selectKey + 1 });
    commit(patch);
    performance.mark('rewind-drawn');
    const n = calls.length ? calls[calls.length - 1].seq : 0;
    const redo = get().redo.length;
    const where = n && calls.length ? `after call #${n}, ${operationOfTarget(calls[calls.length - 1].target)}` : 'the scenario\'s start';
    announce(`Rewound to ${where}.${redo ? ` ${redo} call${redo === 1 ? '' : 's'} can be redone.` : ''}`);
    emit('change', { reason: 'rewind', by: 'user', changes: [] });
  }

  /**
   * Time travel: the world, clock, caller and views as they were right after call #n (the number the event
   * log shows; 0 = the scenario's start). Rewinding keeps the calls after it as a redo branch, which a new
   * call drops; a number in the redo branch goes forward to it. Resolves to true when it went there, false
   * when there is no call #n (or the page cannot change the world now). A read-only page refuses the
   * learner (`by: 'user'`), not the page's start (`?rewind=`) or the host of an embed (`'host'`).
   * @param {number} n
   * @param {{by?: string}} [options]
   * @returns {Promise<boolean>}
   */
  function rewindTo(n, { by = 'user' } = {}) {
    if ((by === 'user' && get().readonly) || !get().ready) return Promise.resolve(false);
    return track(serial(async () => {
      const length = lengthFor(get(), n);
      if (length === null) return false;
      try {
        await travelNow(length);
        return true;
      } catch (err) {
        showFatal(`Rewinding failed: ${errorMessage(err)}`);
        return false;
      }
    }));
  }

  /** Undo (Ctrl+Z): back one call. Resolves to false when there is none. */
  function undo() {
    if (get().readonly || !get().ready) return Promise.resolve(false);
    return track(serial(async () => {
      const state = get();
      if (state.log.length <= state.sessionStart) return false;
      try { await travelNow(state.log.length - 1); return true; } catch (err) { showFatal(`Undo failed: ${errorMessage(err)}`); return false; }
    }));
  }

  /** Redo (Ctrl+Shift+Z, Ctrl+Y): the next call of the redo branch sent again. Resolves to false when there is none. */
  function redo() {
    if (get().readonly || !get().ready) return Promise.resolve(false);
    return track(serial(async () => {
      const state = get();
      if (!state.redo.length) return false;
      try { await travelNow(state.log.length + 1); return true; } catch (err) { showFatal(`Redo failed: ${errorMessage(err)}`); return false; }
    }));
  }

  // The interface the share, lesson and embed modules use.
  const api = {
    get state() { return get(); },
    on,
    emit,
    track,
    announce,
    showNotice,
    hideNotice,
    scenarios: SCENARIOS,
    currentCaller: () => currentCaller(get()),
    /** @param {string} id */
    accountById: (id) => accountById(get(), id),
    setCaller,
    setOperation,
    loadScenario,
    request,
    advance,
    /** @param {Session} session */
    replay: (session) => track(serial(() => replayNow(session))),
    /** The work there is now (null: none), for offerUndo. */
    snapshot: () => track(serial(() => snapshotNow())),
    offerUndo,
    applyView,
    hasWork,
    rewindTo,
    undo,
    redo,
    currentSession: () => track(serial(() => currentSessionNow())),
    // Not queued: for work already in the queue (persist.mjs saves the session after each change).
    currentSessionNow,
    sessionPartsNow,
    /** @param {string} id @param {StartOptions} [options] */
    startWith: (id, options) => track(serial(() => startWithNow(id, options))),
    worldDigest: () => track(serial(() => worldDigestNow())),
    // Not queued: called while a change is being reported, it sees the world of that moment.
    worldDigestNow,
    /** @param {string} caller @param {string} target @param {string} body */
    dryRun: async (caller, target, body) => {
      const dry = await client.control('DryRun', { Caller: caller, Target: target, Body: body });
      return { status: Number(dry.Status), body: dry.Body };
    },
  };

  return {
    api, on, emit, showFatal, showNotice, hideNotice, send, advance, advanceToExpiry, loadScenario, resetScenario, addAccount,
    setCaller, setOperation, setMode, compose, selectHandshake, setLifecycleAction, loadLifecycles,
    rewindTo, undo, redo,
  };
}

/** @typedef {ReturnType<typeof createActions>} Actions */
/** @typedef {Actions['api']} PageApi */

/**
 * What the page shows besides the world, as persist.mjs keeps it (see View in store.mjs).
 * @param {PageState} state
 * @returns {View}
 */
export function viewOf(state) {
  const raw = state.mode === 'raw';
  return {
    caller: state.caller, callerOther: state.callerOther, selected: state.selected, operation: state.operation,
    mode: state.mode, formBody: state.draft.formBody, rawTarget: raw ? state.draft.target : '', rawBody: raw ? state.draft.body : '',
    shownIndex: state.shown ? state.log.indexOf(state.shown) : -1, view: state.view, snippet: state.snippet,
    ...(state.redo.length ? { redo: state.redo } : {}),
  };
}

/**
 * What "To expiry" would do: the seconds from now to one second past the selected handshake's expiration,
 * or null when no OPEN or REQUESTED handshake with an expiration in the future is selected.
 * @param {PageState} state
 * @returns {{handshake: import('./store.mjs').Handshake, seconds: number} | null}
 */
export function expiryOf(state) {
  const hs = selectedHandshake(state);
  if (!hs || (hs.State !== 'OPEN' && hs.State !== 'REQUESTED') || typeof hs.ExpirationTimestamp !== 'number') return null;
  const seconds = hs.ExpirationTimestamp - state.world.Now + 1;
  return Number.isFinite(seconds) && seconds > 0 ? { handshake: hs, seconds } : null;
}

/** @param {unknown} err */
export function errorMessage(err) {
  return err instanceof Error ? err.message : String(err);
}

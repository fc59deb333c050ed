// @ts-check
// The page's state in one place. Panels read it (getState, or the state their listener receives) and ask for
// changes with update(); a listener registered with subscribe(selector, listener) runs only when the slice
// its selector picks has changed (compared by identity, element by element for arrays and plain objects).
//
// Rules that keep this simple:
// - The state is replaced, never mutated: update() makes a new top-level object, and anything a selector
//   picks (world, log, a Set...) is replaced by a new value when it changes, never changed in place.
// - update(patch, {quiet: true}) changes the state without telling anyone yet: the next update() that is not
//   quiet (or notify()) tells every listener whose slice changed since it last ran. Long actions (a scenario
//   being built call by call) use it so that the page is drawn once, at the end, as it was before the store.
// - A listener may call update(): the listeners it concerns run after the current round.

/**
 * @typedef {{Id: string, Name: string, Email: string, Role: string, OrganizationId?: string}} Account
 * @typedef {{Id: string, FeatureSet: string, ManagementAccountId: string, MemberAccountIds?: string[],
 *   PendingAllFeaturesHandshakeId?: string}} Organization
 * @typedef {{Id: string, Type: string}} Party
 * @typedef {{Id: string, Action: string, State: string, Parties?: Party[], Resources?: {Type: string, Value: string}[],
 *   RequestedTimestamp?: number, ExpirationTimestamp?: number}} Handshake
 * @typedef {{Now: number, Accounts: Account[], Organizations: Organization[], Handshakes: Handshake[],
 *   ResponsibilityTransfers: any[]}} World
 *   Simulator.DescribeWorld's answer.
 * @typedef {{From: string, To?: string, Operation: string, Role: string, Error?: string, Note?: string}} Transition
 * @typedef {{Action: string, Initial: string, States?: string[], Terminal?: string[], Transitions?: Transition[],
 *   Roles?: {Role: string, Description: string}[]}} Lifecycle
 *   One row of Simulator.DescribeLifecycle.
 * @typedef {{Rule: string, Provenance: string, Source: string}} Provenance
 * @typedef {'user' | 'host' | 'lesson' | 'link' | 'scenario' | 'start'} By
 *   Who asked: this page's controls, the embedding page, a lesson, a replayed session, a scenario's own steps.
 * @typedef {{seq: number, now: number, caller: string | null, target: string, body: string, by: By,
 *   status: number, response: string, parsed: any, provenance: Provenance | null}} LogEntry
 *   One request in the event log. caller null marks a Simulator control.
 * @typedef {{target: string, body: string, formBody: string, rawTarget: string}} Draft
 *   The request being composed: what Send would send (target and body for the current mode), the form's
 *   body and the raw editor's target (for the send button's label).
 * @typedef {{operation: string, ok: boolean, status?: number, to?: string, row?: Transition | null, errorType?: string,
 *   reason?: string, message?: string}} MoveResult
 * @typedef {{handshakeId: null} | {handshakeId: string, caller: string, error: string}
 *   | {handshakeId: string, caller: string, results: MoveResult[], relationText: string}} Moves
 *   What the selected handshake allows the current caller (moves.mjs analyseMoves), once known.
 * @typedef {{kind: string, title: string | null, message: string, action?: {label: string, run: () => void} | null}} Notice
 *   action: a button in the notice beside Dismiss ("Undo" after a reset, a new scenario or an opened link).
 * @typedef {{caller: string, callerOther: string, selected: string | null, operation: string, mode: 'form' | 'raw',
 *   formBody: string, rawTarget: string, rawBody: string, shownIndex: number, view: 'wire' | 'python', snippet: string,
 *   redo?: RedoCall[]}} View
 *   What the page shows besides the world (persist.mjs keeps it with the session): "Act as", the selection,
 *   the request being composed, the response shown (its index in the log, -1 for none) and how; the redo
 *   branch when there is one.
 * @typedef {{caller: string | null, target: string, body: string, status: number | null}} RedoCall
 *   A call of the redo branch (time travel): undone, sent again by Redo.
 */

/**
 * @typedef {object} PageState
 * @property {World} world            the last DescribeWorld
 * @property {Map<string, Lifecycle>} lifecycles  by Action; empty until the engine has described them
 * @property {string} caller          "Act as": an account id, or OTHER_CALLER for the free-text field
 * @property {string} callerOther     the free-text caller field
 * @property {string} operation       the composer's operation
 * @property {number} formKey         bumped when the composer's form must be built again
 * @property {Record<string, unknown> | null} formFields  values for the form's fields when it is built
 * @property {'form' | 'raw'} mode    the composer's editor
 * @property {boolean} rawDirty       the raw editor was edited (it no longer follows the form)
 * @property {Draft} draft            the request as composed now
 * @property {string | null} selected the selected handshake's id
 * @property {number} selectKey       bumped when a handshake is (re)selected on purpose (the form follows)
 * @property {string} lifecycleAction the diagram's lifecycle
 * @property {{from: string, to: string} | null} just  the selected handshake's last move
 * @property {Moves} moves            the legal moves of the selected handshake
 * @property {Set<string>} available  "FROM>TO" moves the caller can make now (diagram highlights)
 * @property {LogEntry[]} log         every request sent
 * @property {number} seq             the last log sequence number
 * @property {LogEntry | null} shown  the entry shown in the Response panel
 * @property {'wire' | 'python'} view the response's format
 * @property {string} snippet         the code tab (codegen.mjs SNIPPET_KINDS id)
 * @property {string} scenario        the scenario id
 * @property {number} seed
 * @property {string} scenarioDescription
 * @property {number} scenarioKey     bumped whenever a scenario is (re)built
 * @property {number} sessionStart    log length once the scenario was built (a session's calls follow)
 * @property {RedoCall[]} redo        the calls after the moment rewound to, oldest first (Redo sends them again);
 *                                    dropped by a new call or a new scenario. The first is call #(seq + 1).
 * @property {boolean} canUndo        there is a call to rewind (derived by timelineFlags)
 * @property {boolean} canRedo        the redo branch is not empty (derived by timelineFlags)
 * @property {boolean} ready          the engine has started and the first world is shown (until then no action runs)
 * @property {boolean} readonly       embed readonly mode: nothing that changes the world
 * @property {boolean} sending        a Send is in flight
 * @property {Notice | null} notice   the message above the panels
 * @property {string | null} fatal    the page cannot go on
 * @property {string} accountError    why the last "Add account" failed
 * @property {number} accountFormKey  bumped when the "Add account" fields are to be emptied
 */

export const OTHER_CALLER = '__other__';

/** @returns {World} */
export function emptyWorld() {
  return { Now: 0, Accounts: [], Organizations: [], Handshakes: [], ResponsibilityTransfers: [] };
}

/** @returns {PageState} */
export function initialState() {
  return {
    world: emptyWorld(),
    lifecycles: new Map(),
    caller: '',
    callerOther: '',
    operation: 'InviteAccountToOrganization',
    formKey: 0,
    formFields: null,
    mode: 'form',
    rawDirty: false,
    draft: { target: '', body: '{}', formBody: '{}', rawTarget: '' },
    selected: null,
    selectKey: 0,
    lifecycleAction: 'INVITE',
    just: null,
    moves: { handshakeId: null },
    available: new Set(),
    log: [],
    seq: 0,
    shown: null,
    view: 'wire',
    snippet: 'boto3',
    scenario: 'docs',
    seed: 0,
    scenarioDescription: '',
    scenarioKey: 0,
    sessionStart: 0,
    redo: [],
    canUndo: false,
    canRedo: false,
    ready: false,
    readonly: false,
    sending: false,
    notice: null,
    fatal: null,
    accountError: '',
    accountFormKey: 0,
  };
}

/**
 * canUndo and canRedo as the log and the redo branch say (a derive function: app.mjs applies it after every
 * update), or null when they are right already.
 * @param {PageState} state
 * @returns {Partial<PageState> | null}
 */
export function timelineFlags(state) {
  const canUndo = state.log.length > state.sessionStart;
  const canRedo = state.redo.length > 0;
  return canUndo === state.canUndo && canRedo === state.canRedo ? null : { canUndo, canRedo };
}

/**
 * Equal for the store: the same value, or two arrays / plain objects whose items are the same values.
 * @param {unknown} a
 * @param {unknown} b
 */
export function shallowEqual(a, b) {
  if (Object.is(a, b)) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
  if (!isPlain(a) || !isPlain(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && Object.is(a[k], b[k]));
}

/**
 * @param {unknown} value
 * @returns {value is Record<string, unknown>}
 */
function isPlain(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * @template S
 * @typedef {object} Store
 * @property {() => S} getState
 * @property {(patch: Partial<S> | ((state: S) => Partial<S> | null | undefined), options?: {quiet?: boolean}) => void} update
 * @property {<T>(selector: (state: S) => T, listener: (state: S, slice: T) => void, options?: {now?: boolean}) => () => void} subscribe
 *   Run listener whenever the slice changes; with now, also once right away. Returns the unsubscribe function.
 * @property {() => void} notify  tell the listeners about quiet updates
 */

/**
 * @template S
 * @param {S} initial
 * @param {{derive?: (state: S) => Partial<S> | null, onError?: (err: unknown) => void}} [options]
 *   derive: a patch that keeps the state coherent, applied after every update (return null when none).
 * @returns {Store<S>}
 */
export function createStore(initial, { derive, onError } = {}) {
  let state = initial;
  /** @type {Set<{selector: (state: S) => unknown, listener: (state: S, slice: any) => void, last: unknown}>} */
  const subscriptions = new Set();
  let notifying = false;
  let again = false;

  function notify() {
    if (notifying) { again = true; return; }
    notifying = true;
    try {
      let rounds = 0;
      do {
        again = false;
        if (++rounds > 50) throw new Error('store: listeners keep changing the state');
        for (const sub of [...subscriptions]) {
          if (!subscriptions.has(sub)) continue;
          const slice = sub.selector(state);
          if (shallowEqual(slice, sub.last)) continue;
          sub.last = slice;
          try { sub.listener(state, slice); } catch (err) { if (onError) onError(err); else throw err; }
        }
      } while (again);
    } finally {
      notifying = false;
    }
  }

  return {
    getState: () => state,
    update(patch, { quiet = false } = {}) {
      const change = typeof patch === 'function' ? patch(state) : patch;
      if (change) {
        state = { ...state, ...change };
        const fix = derive ? derive(state) : null;
        if (fix) state = { ...state, ...fix };
      }
      if (!quiet) notify();
    },
    subscribe(selector, listener, { now = false } = {}) {
      const sub = { selector, listener, last: selector(state) };
      subscriptions.add(sub);
      if (now) {
        try { listener(state, sub.last); } catch (err) { if (onError) onError(err); else throw err; }
      }
      return () => { subscriptions.delete(sub); };
    },
    notify,
  };
}

// @ts-check
// Which moves the current caller may make on a handshake, and why: Simulator.DescribeMoves says what each
// call would return (as Simulator.DryRun of it would), and the lifecycle table says which rule that is.

import { HANDSHAKE_MOVES, targetOf } from './operations.mjs';

/**
 * @typedef {import('./store.mjs').Handshake} Handshake
 * @typedef {import('./store.mjs').Lifecycle} Lifecycle
 * @typedef {import('./store.mjs').MoveResult} MoveResult
 */

/** @param {Handshake} handshake */
function orgIdOf(handshake) {
  const party = (handshake.Parties || []).find((p) => p.Type === 'ORGANIZATION');
  if (party) return party.Id.startsWith('o-') ? party.Id : `o-${party.Id}`;
  const resource = (handshake.Resources || []).find((r) => r.Type === 'ORGANIZATION');
  return resource ? resource.Value : null;
}

/**
 * How the caller relates to the handshake, from its parties: the lifecycle roles the caller holds
 * (SENDER, RECIPIENT or OTHER) and a sentence using the lifecycle's own description of those roles.
 * A display aid only: the engine decides (see analyseMoves).
 * @param {Handshake | null} handshake
 * @param {import('./store.mjs').Account | null} account
 * @param {import('./store.mjs').World} world
 * @param {Lifecycle | undefined} lifecycle
 * @returns {{roles: string[], text: string}}
 */
export function relation(handshake, account, world, lifecycle) {
  if (!handshake || !account) return { roles: [], text: 'Choose who you are with "Act as".' };
  const orgId = orgIdOf(handshake);
  const org = (world.Organizations || []).find((o) => o.Id === orgId);
  const parties = handshake.Parties || [];
  const isManagement = Boolean(org && org.ManagementAccountId === account.Id);
  const named = parties.some((p) => (p.Type === 'ACCOUNT' && p.Id === account.Id) ||
    (p.Type === 'EMAIL' && String(p.Id).toLowerCase() === String(account.Email).toLowerCase()));
  /** @type {string[]} */
  const roles = [];
  if (isManagement) roles.push('SENDER');
  if (handshake.Action === 'ENABLE_ALL_FEATURES' ? isManagement : named) roles.push('RECIPIENT');
  if (!roles.length) roles.push('OTHER');
  const describe = (/** @type {string} */ role) => {
    const entry = ((lifecycle && lifecycle.Roles) || []).find((r) => r.Role === role);
    return entry ? `${role} (${entry.Description.replace(/\.$/, '')})` : role;
  };
  return { roles, text: `Your role: ${roles.map(describe).join(' and ')}.` };
}

/**
 * What Simulator.DescribeMoves says the caller's AcceptHandshake, DeclineHandshake and CancelHandshake would
 * each answer on each handshake, in one engine call (the lifecycle table, O(1) per handshake): by id, the
 * moves as {operation, status, to?, error?} (error: the call's error body, {__type, Message, Reason?}), or
 * {error, status} for a handshake every call would fail on (not found). A caller that does not resolve is
 * the control's own error, which every call would get: it is given to every handshake.
 * An empty caller: each call is dry-run instead (the engine refuses it before any operation runs, so
 * nothing is copied), for the error AWS gives a request without one.
 * @param {{control(name: string, request?: object): Promise<any>}} client
 * @param {string} caller
 * @param {string[]} ids  at most 100
 * @returns {Promise<Map<string, {moves: EngineMove[]} | {status: number, error: any}>>}
 */
export async function describeMoves(client, caller, ids) {
  /** @type {Map<string, {moves: EngineMove[]} | {status: number, error: any}>} */
  const out = new Map();
  if (!ids.length) return out;
  if (caller === '') {
    for (const id of ids) {
      /** @type {EngineMove[]} */
      const moves = [];
      for (const operation of HANDSHAKE_MOVES) {
        const dry = await client.control('DryRun', { Caller: caller, Target: targetOf(operation), Body: JSON.stringify({ HandshakeId: id }) });
        moves.push({ operation, status: Number(dry.Status), error: parse(dry.Body) });
      }
      out.set(id, { moves });
    }
    return out;
  }
  let answer;
  try {
    answer = await client.control('DescribeMoves', { Caller: caller, HandshakeIds: ids });
  } catch (err) {
    const response = /** @type {{response?: any}} */ (err).response;
    if (!response || typeof response.__type !== 'string') throw err;
    for (const id of ids) out.set(id, { status: 400, error: response });
    return out;
  }
  for (const item of answer.Handshakes || []) {
    if (item.Error) { out.set(item.HandshakeId, { status: Number(item.Status), error: item.Error }); continue; }
    out.set(item.HandshakeId, {
      moves: (item.Moves || []).map((/** @type {any} */ m) => ({
        operation: m.Operation, status: Number(m.Status), ...(m.To ? { to: m.To } : {}), ...(m.Error ? { error: m.Error } : {}),
      })),
    });
  }
  return out;
}

/**
 * @typedef {{operation: string, status: number, to?: string, error?: any}} EngineMove
 *   One move as the engine answers it (describeMoves).
 */

/** @param {unknown} text @returns {any} */
function parse(text) {
  if (text !== null && typeof text === 'object') return text;
  try { return JSON.parse(/** @type {string} */ (text)); } catch { return {}; }
}

/**
 * The operations (of HANDSHAKE_MOVES) the caller may make now on each handshake: by id, those the engine
 * would answer 200 (describeMoves; a move that stands with an error, as AWS answers it, is not one).
 * @param {{control(name: string, request?: object): Promise<any>}} client
 * @param {string} caller
 * @param {string[]} ids
 * @returns {Promise<Map<string, string[]>>}
 */
export async function allowedMoves(client, caller, ids) {
  const answers = await describeMoves(client, caller, ids);
  /** @type {Map<string, string[]>} */
  const out = new Map();
  for (const id of ids) {
    const answer = answers.get(id);
    out.set(id, answer && 'moves' in answer ? answer.moves.filter((m) => m.status === 200).map((m) => m.operation) : []);
  }
  return out;
}

/**
 * For Accept/Decline/Cancel on the handshake as the caller: what the engine says each call would answer
 * (describeMoves, as Simulator.DryRun of each would), and the lifecycle row that explains it.
 * Returns [{operation, ok, status, to, errorType, reason, message, row}].
 * @param {{control(name: string, request?: object): Promise<any>}} client
 * @param {string} caller
 * @param {Handshake} handshake
 * @param {Lifecycle | undefined} lifecycle
 * @returns {Promise<MoveResult[]>}
 */
export async function analyseMoves(client, caller, handshake, lifecycle) {
  const answer = (await describeMoves(client, caller, [handshake.Id])).get(handshake.Id);
  if (!answer) throw new Error(`Simulator.DescribeMoves did not answer for ${handshake.Id}`);
  /** @type {EngineMove[]} */
  const moves = 'moves' in answer
    ? answer.moves
    : HANDSHAKE_MOVES.map((operation) => ({ operation, status: answer.status, error: answer.error }));
  /** @type {MoveResult[]} */
  const results = [];
  for (const operation of HANDSHAKE_MOVES) {
    const move = moves.find((m) => m.operation === operation);
    if (!move) throw new Error(`Simulator.DescribeMoves did not answer ${operation}`);
    const rows = ((lifecycle && lifecycle.Transitions) || []).filter((t) => t.Operation === operation && t.From === handshake.State);
    const status = move.status;
    if (status === 200) {
      const to = move.to;
      const row = rows.find((t) => t.To === to) || null;
      results.push({ operation, ok: true, status, to, row });
    } else {
      const body = move.error || {};
      const errorType = body.__type || 'Error';
      const row = rows.find((t) => t.Error === errorType) || null;
      results.push({ operation, ok: false, status, errorType, reason: body.Reason, message: body.Message, row });
    }
  }
  return results;
}

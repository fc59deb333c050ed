// @ts-check
// Which moves the current caller may make on a handshake, and why: Simulator.DryRun says what each call
// would return, and the lifecycle table says which rule that is.

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

/** @param {unknown} text @returns {any} */
function parse(text) {
  if (text !== null && typeof text === 'object') return text;
  try { return JSON.parse(/** @type {string} */ (text)); } catch { return {}; }
}

/**
 * For Accept/Decline/Cancel on the handshake as the caller: what DryRun says, and the lifecycle row that
 * explains it. Returns [{operation, ok, status, to, errorType, reason, message, row}].
 * @param {{control(name: string, request?: object): Promise<any>}} client
 * @param {string} caller
 * @param {Handshake} handshake
 * @param {Lifecycle | undefined} lifecycle
 * @returns {Promise<MoveResult[]>}
 */
export async function analyseMoves(client, caller, handshake, lifecycle) {
  /** @type {MoveResult[]} */
  const results = [];
  for (const operation of HANDSHAKE_MOVES) {
    const dry = await client.control('DryRun', {
      Caller: caller, Target: targetOf(operation), Body: JSON.stringify({ HandshakeId: handshake.Id }),
    });
    const status = Number(dry.Status);
    const body = parse(dry.Body);
    const rows = ((lifecycle && lifecycle.Transitions) || []).filter((t) => t.Operation === operation && t.From === handshake.State);
    if (status === 200) {
      const to = body.Handshake ? body.Handshake.State : undefined;
      const row = rows.find((t) => t.To === to) || null;
      results.push({ operation, ok: true, status, to, row });
    } else {
      const errorType = body.__type || 'Error';
      const row = rows.find((t) => t.Error === errorType) || null;
      results.push({ operation, ok: false, status, errorType, reason: body.Reason, message: body.Message, row });
    }
  }
  return results;
}

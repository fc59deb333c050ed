// The world scripts/endpoint starts with: the page's default scenario (as the playground opens), another
// scenario by name, a session (an exported session file or a share link), or nothing.
//
//   const { description, accounts } = await startWorld(engine, { scenario: 'docs' });
//   await startWorld(engine, { session: '/path/to/session.json' });   // or a file holding a #s= link
//   await startWorld(engine, { empty: true });
//
// A session is checked as the page checks it (web/session.mjs) and replayed on the engine; when it also
// names the digest of the world it reached, the replay must reach the same world. Throws an Error saying
// why a world cannot be built; the engine may then hold part of it (the endpoint exits).

import { readFileSync } from 'node:fs';
import { SCENARIOS, SCENARIOS_BY_ID, buildScenario } from '../web/scenarios.mjs';
import { decodeLink, digest, parseSessionFile } from '../web/session.mjs';

export const DEFAULT_SCENARIO = SCENARIOS[0].id;
export const SCENARIO_IDS = SCENARIOS.map((sc) => sc.id);

function control(engine, name, request) {
  const r = engine.handle('', `Simulator.${name}`, JSON.stringify(request));
  if (r.status !== 200) throw new Error(`Simulator.${name} was refused: ${r.body.slice(0, 300)}`);
  return JSON.parse(r.body);
}

async function readSession(path) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new Error(`cannot read the session file ${JSON.stringify(path)}: ${err.message}`);
  }
  const scenarios = new Set(SCENARIO_IDS);
  const trimmed = text.trim();
  const hash = trimmed.indexOf('#s=');
  // A share link (or its fragment) on one line, else an exported session file.
  if (hash >= 0 && !trimmed.startsWith('{')) return decodeLink(trimmed.slice(hash + 1), { scenarios });
  return parseSessionFile(text, { scenarios });
}

/** Build the start world on engine; returns {description, accounts: [{Id, Name, Email, Role, OrganizationId}]}. */
export async function startWorld(engine, { scenario, session, empty } = {}) {
  let description;
  if (empty) {
    control(engine, 'Reset', {});
    description = 'an empty world';
  } else if (session) {
    const s = await readSession(session);
    await buildScenario(async (name, request) => control(engine, name, request), SCENARIOS_BY_ID.get(s.scenario), { seed: s.seed });
    for (const call of s.calls) engine.handle(call.caller ?? '', call.target, call.body);
    if (s.worldDigest && digest(engine.handle('', 'Simulator.ExportWorld', '{}').body) !== s.worldDigest) {
      throw new Error(`the session ${JSON.stringify(session)} replays to a different world than the one it was saved from`);
    }
    description = `the session ${session} (scenario "${s.scenario}", ${s.calls.length} call${s.calls.length === 1 ? '' : 's'})`;
  } else {
    const id = scenario ?? DEFAULT_SCENARIO;
    const chosen = SCENARIOS_BY_ID.get(id);
    if (!chosen) throw new Error(`unknown scenario ${JSON.stringify(id)} (one of: ${SCENARIO_IDS.join(', ')})`);
    await buildScenario(async (name, request) => control(engine, name, request), chosen);
    description = `the scenario "${chosen.id}" (${chosen.label})`;
  }
  const world = control(engine, 'DescribeWorld', {});
  return { description, accounts: world.Accounts };
}

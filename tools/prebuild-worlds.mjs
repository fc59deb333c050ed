// The worlds the page loads in one call (web/start-world.mjs): tools/build-site.mjs runs the default scenario
// through the engine the site ships (under node) and writes what each step answered and the world they left
// into the production site's start-world module, with the engine's lifecycle table (Simulator.DescribeLifecycle).
//   prebuiltWorldsModule({web, engine}) -> the module's text
// The steps are sent exactly as the page sends them (web/scenarios.mjs buildScenario, bodies as JSON.stringify
// writes them), so the log the page shows is the one it would have made itself.
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The scenarios built ahead of time, with their seed: the one a first visit starts with. */
export const PREBUILT = Object.freeze([{ scenario: 'docs', seed: 0 }]);

/** The engine (handshake-engine.mjs, its .wasm beside it) under node: call(caller, target, body) -> {status, body}. */
async function engineUnderNode(engine) {
  globalThis.window ??= globalThis; // the glue code is built for the web; a debug build looks for window
  const { default: factory } = await import(pathToFileURL(path.resolve(engine)).href);
  const instance = await factory({ wasmBinary: fs.readFileSync(engine.replace(/\.mjs$/, '.wasm')) });
  return {
    call(caller, target, body) {
      const result = instance.handle(caller, target, body);
      const answer = { status: Number(result.status), body: String(result.body) };
      if (typeof result.delete === 'function') result.delete();
      return answer;
    },
  };
}

/** One world: its steps and their answers, the snapshot and the description the steps left. */
async function prebuild(engine, scenarios, { scenario: id, seed }) {
  const scenario = scenarios.SCENARIOS_BY_ID.get(id);
  if (!scenario) throw new Error(`prebuild-worlds: web/scenarios.mjs has no scenario ${id}`);
  const run = await engineUnderNode(engine);
  const steps = [];
  await scenarios.buildScenario(async (control, request) => {
    const target = `Simulator.${control}`;
    const body = JSON.stringify(request);
    const answer = run.call('', target, body);
    if (answer.status !== 200) throw new Error(`prebuild-worlds: ${id}: ${target} answered ${answer.status}: ${answer.body}`);
    steps.push({ target, body, status: answer.status, response: answer.body });
  }, scenario, { seed });
  const snapshot = run.call('', 'Simulator.ExportWorld', '{}');
  const world = run.call('', 'Simulator.DescribeWorld', '{}');
  if (snapshot.status !== 200 || world.status !== 200) throw new Error(`prebuild-worlds: ${id}: the engine cannot export or describe the world`);
  // The snapshot must load back into the very same world (what the page relies on).
  const check = await engineUnderNode(engine);
  const imported = check.call('', 'Simulator.ImportWorld', snapshot.body);
  if (imported.status !== 200 || check.call('', 'Simulator.ExportWorld', '{}').body !== snapshot.body
    || check.call('', 'Simulator.DescribeWorld', '{}').body !== world.body) {
    throw new Error(`prebuild-worlds: ${id}: the engine does not load its own snapshot back into the same world`);
  }
  return { scenario: id, seed, steps, snapshot: snapshot.body, world: world.body };
}

/** The text of web/start-world.mjs for the production site. */
export async function prebuiltWorldsModule({ web, engine }) {
  const scenarios = await import(pathToFileURL(path.join(path.resolve(web), 'scenarios.mjs')).href);
  const worlds = [];
  for (const wanted of PREBUILT) worlds.push(await prebuild(engine, scenarios, wanted));
  const lifecycles = (await engineUnderNode(engine)).call('', 'Simulator.DescribeLifecycle', '{}');
  if (lifecycles.status !== 200) throw new Error(`prebuild-worlds: Simulator.DescribeLifecycle answered ${lifecycles.status}: ${lifecycles.body}`);
  return `// Built by tools/prebuild-worlds.mjs with the engine of this site.\nexport const PREBUILT_WORLDS = ${JSON.stringify(worlds)};\n`
    + `export const PREBUILT_LIFECYCLES = ${JSON.stringify(lifecycles.body)};\n`;
}

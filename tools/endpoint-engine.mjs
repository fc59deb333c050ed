// Node loader for the WebAssembly engine that the site ships (build/site/handshake-engine.mjs + .wasm).
// Used by tools/endpoint.mjs and by the node tests. If the module is missing, it runs scripts/build
// --wasm first (its output goes to stderr, so a caller's stdout stays clean).
//
//   import { loadEngine } from '../tools/endpoint-engine.mjs';
//   const engine = await loadEngine();            // or loadEngine({ dir: '/path/to/site' })
//   engine.handle('111111111111', 'AWSOrganizationsV20161128.ListHandshakesForAccount', '{}');
//
// HANDSHAKE_ENGINE_DIR overrides the directory (no build is attempted for an override).

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_ENGINE_DIR = join(REPO_ROOT, 'build', 'site');
const MODULE_NAME = 'handshake-engine.mjs';
const WASM_NAME = 'handshake-engine.wasm';

export function engineFiles(dir) {
  return { modulePath: join(dir, MODULE_NAME), wasmPath: join(dir, WASM_NAME) };
}

/** Runs scripts/build --wasm (stdout and stderr both to our stderr). Throws if it fails. */
export function buildEngine() {
  const script = join(REPO_ROOT, 'scripts', 'build');
  if (!existsSync(script)) throw new Error(`engine not built and ${script} does not exist`);
  process.stderr.write(`[endpoint] ${MODULE_NAME} missing: running scripts/build --wasm\n`);
  const result = spawnSync(script, ['--wasm'], { cwd: REPO_ROOT, stdio: ['ignore', 2, 2] });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new Error(`scripts/build failed (exit ${result.status ?? result.signal})`);
}

/** Loads and instantiates the engine; resolves to the object with handle(caller, target, body). */
export async function loadEngine({ dir, build = true } = {}) {
  const override = process.env.HANDSHAKE_ENGINE_DIR;
  const engineDir = dir ?? (override ? resolve(override) : DEFAULT_ENGINE_DIR);
  let { modulePath, wasmPath } = engineFiles(engineDir);
  if (!(existsSync(modulePath) && existsSync(wasmPath))) {
    if (!build || dir || override) throw new Error(`no engine at ${engineDir} (${MODULE_NAME} + ${WASM_NAME})`);
    buildEngine();
    if (!(existsSync(modulePath) && existsSync(wasmPath))) {
      throw new Error(`scripts/build succeeded but ${modulePath} / ${wasmPath} are still missing`);
    }
  }
  // The module is built for the web; unoptimised builds check for `window` while they load. Provide it
  // only for the load, so later code in this process (e.g. the AWS SDK) does not think it is a browser.
  const addedWindow = !('window' in globalThis);
  if (addedWindow) globalThis.window = globalThis;
  let engine;
  try {
    const { default: createHandshakeEngine } = await import(pathToFileURL(modulePath).href);
    engine = await createHandshakeEngine({ wasmBinary: readFileSync(wasmPath) });
  } finally {
    if (addedWindow) delete globalThis.window;
  }
  if (!engine || typeof engine.handle !== 'function') {
    throw new Error(`${modulePath} did not produce an object with handle(caller, target, body)`);
  }
  return engine;
}

// What the start costs before the page's own code: build/site (or HS_SITE_DIR) against copies of it cut down,
// step by step, to what any page with this engine must do, loaded cold and interleaved (bench/start_loads.mjs).
// In every copy but the site, the page's module (app.mjs) is replaced by one that only marks `playground-ready`,
// after what its row names:
//
//   a page of one paragraph       a new renderer's own floor (no stylesheet, no engine)
//   + the site's HTML and styles  index.html and styles.css, the engine's script tags removed
//   + the engine compiled         and engine-compile.js fetching and compiling the .wasm
//   + the engine started          index.html as built: engine-boot.mjs instantiates it; the mark awaits it
//   + the start world imported    and one Simulator.ImportWorld of the default world (as the page's first call)
//   the site                      as built: the page's code, its panels mounted and the world drawn
//
//   node bench/start_floor.mjs [--runs N] [--cpu 4]
//
// The copies are made in a temporary directory and removed at the end.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SITE, checkSite } from '../tests/e2e/harness.mjs';
import { REPO_ROOT } from '../tests/e2e/serve.mjs';
import { prebuiltWorldsModule } from '../tools/prebuild-worlds.mjs';
import { interleavedStarts, printStarts } from './start_loads.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);

checkSite();
const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
/** The one match of `pattern` in index.html (the site's shape is known: anything else stops the benchmark). */
function tag(pattern) {
  const found = html.match(new RegExp(pattern.source, 'g')) ?? [];
  if (found.length !== 1) throw new Error(`start_floor: index.html has ${found.length} matches of ${pattern}, not 1`);
  return { text: found[0], file: /** @type {RegExpMatchArray} */ (found[0].match(pattern))[1] };
}
const compileTag = tag(/<script src="(engine-compile\.[A-Z0-9]{8}\.js)"><\/script>/);
const bootTag = tag(/<script type="module" async src="(engine-boot\.[A-Z0-9]{8}\.mjs)"><\/script>/);
const appTag = tag(/<script type="module" src="(app\.[A-Z0-9]{8}\.mjs)"><\/script>/);
const PRELOADS = /<link rel="modulepreload" href="[^"]+">\n?/g;

const MARK = "document.documentElement.dataset.ready = 'true';\nperformance.mark('playground-ready');\n";
const awaitEngine = `import { engine } from './${bootTag.file}';\nawait engine.ready;\n`;
const importWorld = `import { PREBUILT_WORLDS } from './start-world-floor.mjs';\n`
  + "const answer = await engine.call('', 'Simulator.ImportWorld', PREBUILT_WORLDS[0].snapshot);\n"
  + "if (answer.status !== 200) throw new Error(`Simulator.ImportWorld answered ${answer.status}: ${answer.body}`);\n";

const withoutEngine = html.replace(compileTag.text, '').replace(bootTag.text, '').replace(PRELOADS, '');
const ROWS = [
  { label: 'a page of one paragraph', html: `<!doctype html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Start</title>\n${appTag.text}\n</head>\n<body>\n<p>A page of one paragraph.</p>\n</body>\n</html>\n`, app: MARK },
  { label: "+ the site's HTML and styles", html: withoutEngine, app: MARK },
  { label: '+ the engine compiled', html: withoutEngine.replace(appTag.text, `${compileTag.text}\n${appTag.text}`), app: MARK },
  { label: '+ the engine started', html, app: awaitEngine + MARK },
  { label: '+ the start world imported', html, app: awaitEngine + importWorld + MARK },
];

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-start-floor-'));
try {
  const startWorld = await prebuiltWorldsModule({ web: path.join(REPO_ROOT, 'web'), engine: path.join(SITE, 'handshake-engine.mjs') });
  const dirs = ROWS.map((row, i) => {
    const dir = path.join(work, String(i));
    fs.cpSync(SITE, dir, { recursive: true });
    // The copies' precompressed index.html and app module would be sent instead of the files written here.
    for (const file of ['index.html', appTag.file]) for (const suffix of ['.gz', '.br']) fs.rmSync(path.join(dir, file + suffix), { force: true });
    fs.writeFileSync(path.join(dir, 'index.html'), row.html);
    fs.writeFileSync(path.join(dir, appTag.file), row.app);
    fs.writeFileSync(path.join(dir, 'start-world-floor.mjs'), startWorld);
    return dir;
  });
  const samples = await interleavedStarts([...dirs, SITE], { runs: option('--runs', 10), cpu: option('--cpu', 1) });
  printStarts([...ROWS.map((r) => r.label), `the site (${path.relative(process.cwd(), SITE) || '.'})`], samples);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}
process.exit(0);

// Assembles the static site (build/site) from web/ and the compiled engine: the production build that
// scripts/build --wasm makes (cmake/HsSite.cmake runs it) and that the end-to-end tests load.
//
//   node tools/build-site.mjs --web DIR --engine FILE.mjs --out DIR [--plain]
//     --web     the page's sources (web/)
//     --engine  the compiled engine module (handshake-engine.mjs; its .wasm lies beside it)
//     --out     the site directory, updated in place (a server may be serving it)
//     --web-files-hash X   ignored: cmake/HsSite.cmake passes the hash of web/'s file list, so that the
//               command changes (and runs again) when a web file is added or deleted
//     --plain   no bundling: web/ copied as it is, plus the engine (for reading the page's own modules in
//               the browser's developer tools; cmake -DHS_SITE_BUNDLE=OFF)
//
// Production (the default):
//   - the page: every <script type="module" src> of index.html is an entry of one esbuild build (bundled,
//     minified, code splitting on: an entry imported by another, like engine-boot.mjs by app.mjs, stays
//     one module instance). Output NAME.HASH.mjs; chunks chunk.HASH.mjs, preloaded by index.html.
//   - workers: a module named in the page's code as `new URL('./X.mjs', import.meta.url)` (engine-worker.mjs)
//     is a bundle of its own, NAME.HASH.mjs, and the reference is rewritten to that name. The engine module
//     is part of the bundles that import it (the page's engine-boot.mjs, the scratch engine's worker: one
//     request less before the engine starts), and is also in the site under its own name
//     (handshake-engine.mjs, minified: other tools load it).
//   - classic scripts of index.html (<script src="X.js">, engine-compile.js): minified alone, NAME.HASH.js.
//   - stylesheets of index.html: minified, NAME.HASH.css.
//   - index.html: references rewritten to the hashed names, module preloads of bundled modules dropped,
//     HTML comments dropped. It must have no inline script (the policy is script-src 'self').
//   - start-world.mjs (the worlds the page loads in one call) is bundled with the default scenario built by
//     this engine (tools/prebuild-worlds.mjs), in place of its text in web/ (none).
//   - everything else under web/ that no bundle took in (lessons/*.json, examples/) is copied as it is, and
//     so are the modules other tools load by name (KEEP_BY_NAME: packages/npm/engine.mjs imports them).
//   - .gz (gzip -9) and .br (brotli 11) beside every text file and the .wasm, when smaller than the file;
//     tools/serve-site.mjs serves them to browsers that accept them.
// HASH is 8 characters of [A-Z0-9] (esbuild's content hash): tools/serve-site.mjs gives such names
// `Cache-Control: public, max-age=31536000, immutable` and every other file `no-cache`.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { HASHED_NAME } from './serve-site.mjs';
import { prebuiltWorldsModule } from './prebuild-worlds.mjs';

/** Modules of web/ that other tools import from the site by name (packages/npm/engine.mjs). */
export const KEEP_BY_NAME = Object.freeze(['sdk-handler.mjs', 'scenarios.mjs']);
/** Files that get .gz and .br copies. */
export const COMPRESSED = /\.(?:html|mjs|js|css|json|svg|txt|map|wasm)$/;

const URL_REF = /new URL\(\s*(['"])(\.{1,2}\/[^'"\\]+)\1\s*,\s*import\.meta\.url\s*\)/g;

function fail(message) {
  throw new Error(`build-site: ${message}`);
}

/** Every file under dir (relative, '/'-separated), hidden files left out. */
function filesUnder(dir, base = dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

const toPosix = (p) => p.split(path.sep).join('/');

/** The attributes of one start tag: {name: value}. */
function attributesOf(tag) {
  const attrs = {};
  for (const m of tag.matchAll(/\s([a-zA-Z-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    attrs[m[1].toLowerCase()] = m[2] ?? m[3] ?? m[4] ?? '';
  }
  return attrs;
}

/**
 * Write the site: files is a Map of relative name -> Buffer. Only what changed is written (index.html last,
 * so a page loaded meanwhile finds what it references), then files no longer part of the site are deleted,
 * and directories left empty.
 */
function writeSite(out, files) {
  fs.mkdirSync(out, { recursive: true });
  // index.html and its copies last; a compressed copy after its file (tools/serve-site.mjs ignores a copy
  // older than its file).
  const rank = (name) => 2 * Number(name.replace(/\.(?:gz|br)$/, '') === 'index.html') + Number(/\.(?:gz|br)$/.test(name));
  const order = [...files.keys()].sort((a, b) => rank(a) - rank(b));
  for (const name of order) {
    const target = path.join(out, name);
    const data = files.get(name);
    let same = false;
    try { same = fs.readFileSync(target).equals(data); } catch { same = false; }
    if (same) continue;
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.tmp-${process.pid}`;
    fs.writeFileSync(temporary, data);
    fs.renameSync(temporary, target);
  }
  // A copy left unchanged beside a file that was rewritten is still its copy: not stale.
  for (const name of order) {
    const original = name.replace(/\.(?:gz|br)$/, '');
    if (original === name || !files.has(original)) continue;
    const copy = path.join(out, name);
    if (fs.statSync(copy).mtimeMs < fs.statSync(path.join(out, original)).mtimeMs) {
      const now = new Date();
      fs.utimesSync(copy, now, now);
    }
  }
  for (const name of filesUnder(out)) {
    if (!files.has(name)) fs.rmSync(path.join(out, name), { force: true });
  }
  const prune = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      if (!e.isDirectory() || e.name.startsWith('.')) continue;
      const sub = path.join(dir, e.name);
      prune(sub);
      if (fs.readdirSync(sub).length === 0) fs.rmdirSync(sub);
    }
  };
  prune(out);
}

/** The compressed copies of one file: [[name, Buffer]...], those smaller than the file only. */
function compressedCopies(name, data) {
  if (!COMPRESSED.test(name)) return [];
  const text = !name.endsWith('.wasm');
  const gz = zlib.gzipSync(data, { level: 9 });
  const br = zlib.brotliCompressSync(data, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
      [zlib.constants.BROTLI_PARAM_MODE]: text ? zlib.constants.BROTLI_MODE_TEXT : zlib.constants.BROTLI_MODE_GENERIC,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length,
    },
  });
  return [[`${name}.gz`, gz], [`${name}.br`, br]].filter(([, d]) => d.length < data.length);
}

/** The engine module and its .wasm: [[name, Buffer]...]. */
function engineFiles(engine) {
  const wasm = engine.replace(/\.mjs$/, '.wasm');
  for (const f of [engine, wasm]) if (!fs.existsSync(f)) fail(`${f} does not exist`);
  return [[path.basename(engine), fs.readFileSync(engine)], [path.basename(wasm), fs.readFileSync(wasm)]];
}

/** web/ as it is plus the engine: the site before issue 16's production build. */
export function buildPlain({ web, engine, out }) {
  const files = new Map(filesUnder(web).map((f) => [f, fs.readFileSync(path.join(web, f))]));
  for (const [name, data] of engineFiles(engine)) files.set(name, data);
  writeSite(out, files);
  return { files: [...files.keys()] };
}

/**
 * The production site (see the head of this file). Returns {files, entries, renamed}. compress: false leaves
 * out the .gz/.br copies (tests that only look at names).
 */
export async function buildProduction({ web, engine, out, compress = true }) {
  const esbuild = await import('esbuild').catch((err) => fail(`esbuild is not installed (npm ci): ${err.message}`));
  web = path.resolve(web);
  const engineName = path.basename(engine);
  const engineWasmName = engineName.replace(/\.mjs$/, '.wasm');
  const htmlPath = path.join(web, 'index.html');
  const html = fs.readFileSync(htmlPath, 'utf8');

  // index.html: its module entries, its classic scripts (engine-compile.js: no imports, minified alone) and
  // stylesheets; nothing inline.
  const entries = [];
  const classics = [];
  const styles = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = attributesOf(` ${m[1]}`);
    if (!('src' in attrs) || m[2].trim() !== '') fail('index.html has an inline script (the policy is script-src \'self\')');
    if (attrs.type === 'module') entries.push(attrs.src);
    else if (attrs.type === undefined && /\.js$/.test(attrs.src)) classics.push(attrs.src);
    else fail(`index.html: <script src="${attrs.src}"> is neither a module nor a classic .js script`);
  }
  for (const m of html.matchAll(/<link\b[^>]*>/gi)) {
    const attrs = attributesOf(m[0].slice(5));
    if (attrs.rel === 'stylesheet') styles.push(attrs.href);
  }
  if (entries.length === 0) fail('index.html has no <script type="module" src>');
  for (const f of [...entries, ...classics, ...styles]) {
    if (!/^[a-z0-9][a-z0-9/._-]*$/i.test(f) || f.includes('..')) fail(`index.html: ${f} is not a plain relative name`);
    if (!fs.existsSync(path.join(web, f))) fail(`index.html names ${f}, which is not in ${web}`);
  }

  /** source name (relative to web/) -> name in the site, for every file that got a hashed name */
  const renamed = new Map();
  /** web/ files a bundle took in */
  const bundled = new Set();
  const output = new Map();
  const workerBuilds = new Map();
  const startWorldPath = path.join(web, 'start-world.mjs');
  const startWorld = fs.existsSync(startWorldPath) ? await prebuiltWorldsModule({ web, engine }) : null;

  const common = {
    bundle: true, format: 'esm', minify: true, target: 'es2022', charset: 'utf8', legalComments: 'none',
    write: false, metafile: true, absWorkingDir: web, outdir: web, entryNames: '[name].[hash]', chunkNames: 'chunk.[hash]',
    outExtension: { '.js': '.mjs' }, logLevel: 'silent',
  };

  /** Build one worker bundle (memoized); resolves to its name in the site. */
  function buildWorker(rel) {
    if (!workerBuilds.has(rel)) workerBuilds.set(rel, (async () => {
      const result = await esbuild.build({ ...common, entryPoints: [path.join(web, rel)], splitting: false, plugins: [plugin()] });
      return collect(result, rel);
    })());
    return workerBuilds.get(rel);
  }

  /** Take an esbuild result into the site; returns the site name of the entry built from `rel`, if any. */
  function collect(result, rel) {
    let entryName;
    for (const f of result.outputFiles) {
      const name = toPosix(path.relative(web, f.path));
      if (name.includes('/') || !HASHED_NAME.test(name)) fail(`esbuild wrote ${name}, not NAME.HASH.EXT at the site's root`);
      output.set(name, Buffer.from(f.contents));
    }
    for (const [name, meta] of Object.entries(result.metafile.outputs)) {
      for (const input of Object.keys(meta.inputs)) bundled.add(toPosix(path.relative(web, path.resolve(web, input))));
      if (meta.entryPoint) {
        const source = toPosix(path.relative(web, path.resolve(web, meta.entryPoint)));
        const site = toPosix(path.relative(web, path.resolve(web, name)));
        renamed.set(source, site);
        if (source === rel) entryName = site;
      }
    }
    return entryName;
  }

  /**
   * The engine module is part of every bundle that imports it (one file less to fetch before the engine starts;
   * its code is taken as it is, and its `import.meta.url`, which locates the .wasm, means the same there: every
   * bundle lies at the site's root, beside the .wasm); `new URL('./x', import.meta.url)` becomes relative to
   * the site's root (where every bundle lies): a module becomes its own bundle's name, the engine's .mjs and
   * .wasm keep theirs, any other file must be a file of web/ (copied as it is).
   */
  function plugin() {
    const enginePath = path.resolve(engine);
    return {
      name: 'site',
      setup(build) {
        build.onResolve({ filter: /./ }, (args) => {
          if (args.kind === 'entry-point') return undefined;
          if (path.basename(args.path) !== engineName) return undefined;
          // In a namespace of its own: the bundle's names do not depend on where the engine was built.
          return { path: engineName, namespace: 'engine' };
        });
        build.onLoad({ filter: /./, namespace: 'engine' }, async () => ({ contents: await fs.promises.readFile(enginePath, 'utf8'), loader: 'js' }));
        build.onLoad({ filter: /\.m?js$/ }, async (args) => {
          if (startWorld !== null && path.resolve(args.path) === startWorldPath) return { contents: startWorld, loader: 'js' };
          let text = await fs.promises.readFile(args.path, 'utf8');
          const dir = path.dirname(args.path);
          const refs = [...text.matchAll(URL_REF)];
          const uses = (text.match(/import\.meta/g) || []).length;
          if (uses !== refs.length) fail(`${path.relative(web, args.path)} uses import.meta other than in new URL('./…', import.meta.url), whose meaning a bundle would change`);
          for (const m of refs) {
            const target = toPosix(path.relative(web, path.resolve(dir, m[2])));
            if (target.startsWith('..')) fail(`${path.relative(web, args.path)}: ${m[2]} is outside ${web}`);
            const provided = target === engineName || target === engineWasmName;
            if (!provided && !fs.existsSync(path.join(web, target))) fail(`${path.relative(web, args.path)}: ${m[2]} does not exist`);
            const site = provided || !/\.m?js$/.test(target) ? target : await buildWorker(target);
            text = text.replace(m[0], `new URL(${JSON.stringify(`./${site}`)}, import.meta.url)`);
          }
          return { contents: text, loader: 'js' };
        });
      },
    };
  }

  const page = await esbuild.build({ ...common, entryPoints: entries.map((e) => path.join(web, e)), splitting: true, plugins: [plugin()] });
  collect(page);
  const css = await esbuild.build({ ...common, entryPoints: styles.map((s) => path.join(web, s)), splitting: false, loader: { '.css': 'css' } });
  collect(css);
  if (classics.length) {
    // A classic script stays one (no bundling, no module syntax): minified, with a hashed name.
    const classic = await esbuild.build({ ...common, bundle: false, format: undefined, entryPoints: classics.map((c) => path.join(web, c)), outExtension: { '.js': '.js' } });
    collect(classic);
  }
  for (const e of [...entries, ...classics, ...styles]) if (!renamed.has(e)) fail(`esbuild gave ${e} no output`);

  // The chunks the entries import statically: preloaded, so the browser fetches them with the entries.
  const preloads = [];
  for (const e of entries) {
    const meta = page.metafile.outputs[renamed.get(e)];
    for (const imp of meta?.imports || []) {
      if (imp.kind !== 'import-statement' || imp.external) continue;
      const name = toPosix(path.relative(web, path.resolve(web, imp.path)));
      if (!preloads.includes(name) && ![...renamed.values()].includes(name)) preloads.push(name);
    }
  }

  // index.html: hashed names, bundled modules no longer preloaded, comments dropped.
  let page_html = html.replace(/<!--[\s\S]*?-->\n?/g, '');
  page_html = page_html.replace(/<(link|script)\b[^>]*>(\s*<\/script>)?\n?/gi, (tag, kind) => {
    const attrs = attributesOf(tag.slice(kind.length + 1));
    const key = kind.toLowerCase() === 'script' ? 'src' : 'href';
    const ref = attrs[key];
    if (ref === undefined || /^(?:data:|[a-z]+:\/\/|#)/i.test(ref)) return tag;
    if (renamed.has(ref)) {
      const hashed = tag.replace(`${key}="${ref}"`, `${key}="${renamed.get(ref)}"`);
      if (kind.toLowerCase() === 'script' && ref === entries[0]) {
        return `${preloads.map((p) => `<link rel="modulepreload" href="${p}">\n`).join('')}${hashed}`;
      }
      return hashed;
    }
    if ((bundled.has(ref) || ref === engineName) && attrs.rel === 'modulepreload') return '';
    return tag;
  });

  // The site: bundles, index.html, the engine, and web/ files no bundle took in (plus those kept by name).
  const files = new Map(output);
  files.set('index.html', Buffer.from(page_html));
  // The engine under its own name (other tools load it) is minified like the bundles: Emscripten's -O3
  // output keeps its runtime's names, and minified it is 3.7 -> 2.7 KB gzip -9.
  for (const [name, data] of engineFiles(engine)) {
    const minified = name === engineName
      ? (await esbuild.transform(data.toString('utf8'), { loader: 'js', format: 'esm', minify: true, target: common.target, legalComments: 'none' })).code
      : null;
    files.set(name, minified === null ? data : Buffer.from(minified));
  }
  for (const f of filesUnder(web)) {
    if (f === 'index.html' || styles.includes(f)) continue;
    if (bundled.has(f) && !KEEP_BY_NAME.includes(f)) continue;
    if (files.has(f)) fail(`${f} is both a source file and a built one`);
    files.set(f, fs.readFileSync(path.join(web, f)));
  }
  for (const k of KEEP_BY_NAME) {
    const text = files.get(k)?.toString('utf8');
    if (text === undefined) fail(`${k} (loaded by name by other tools) is not in web/`);
    for (const m of text.matchAll(/^\s*(?:import|export)\b[^;'"]*?from\s*['"](\.[^'"]+)['"]/gm)) {
      const dep = toPosix(path.normalize(path.join(path.dirname(k), m[1])));
      if (!files.has(dep)) fail(`${k} imports ${m[1]}, which the production site does not have`);
    }
  }
  // Every reference left in index.html must resolve in the site.
  for (const m of page_html.matchAll(/\s(?:src|href)="([^"]+)"/g)) {
    const ref = m[1];
    if (/^(?:data:|[a-z]+:\/\/|#)/i.test(ref) || ref.includes('?')) continue;
    if (!files.has(ref)) fail(`index.html references ${ref}, which the site does not have`);
  }
  for (const name of files.keys()) {
    const hashed = output.has(name);
    if (hashed !== HASHED_NAME.test(name)) fail(`${name}: only the bundles may have names of the form NAME.HASH.EXT`);
  }
  if (compress) for (const [name, data] of [...files]) for (const [c, d] of compressedCopies(name, data)) files.set(c, d);
  writeSite(out, files);
  return { files: [...files.keys()].sort(), entries: entries.map((e) => renamed.get(e)), renamed: Object.fromEntries(renamed) };
}

const USAGE = 'usage: node tools/build-site.mjs --web DIR --engine FILE.mjs --out DIR [--plain]\n';

async function main(argv) {
  const options = { plain: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--plain') options.plain = true;
    else if (arg === '--web-files-hash' && argv[i + 1] !== undefined) i++;
    else if (['--web', '--engine', '--out'].includes(arg) && argv[i + 1] !== undefined) options[arg.slice(2)] = path.resolve(argv[++i]);
    else if (arg === '-h' || arg === '--help') { process.stdout.write(USAGE); return; }
    else { process.stderr.write(`build-site: unknown argument ${arg}\n${USAGE}`); process.exit(2); }
  }
  for (const k of ['web', 'engine', 'out']) if (!options[k]) { process.stderr.write(`build-site: --${k} is required\n${USAGE}`); process.exit(2); }
  try {
    const result = options.plain ? buildPlain(options) : await buildProduction(options);
    process.stderr.write(`build-site: ${result.files.length} files in ${options.out}${options.plain ? ' (plain: web/ as it is)' : ''}\n`);
  } catch (err) {
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}

// The production site (tools/build-site.mjs, run by scripts/build --wasm) and how tools/serve-site.mjs serves
// it: bundled and minified modules under content-hashed names, nothing inline, the names other tools load
// kept, .gz/.br copies served to browsers that accept them, long caching for hashed names only.
// Run: node --test tests/e2e/production.test.mjs   (needs build/site: scripts/build --wasm)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { SITE, assertNoProblems, setup } from './harness.mjs';
import { REPO_ROOT } from './serve.mjs';
import { HASHED_NAME, IMMUTABLE, acceptedEncodings, startServer as startSiteServer } from '../../tools/serve-site.mjs';
import { COMPRESSED, KEEP_BY_NAME, buildProduction } from '../../tools/build-site.mjs';

const WEB = path.join(REPO_ROOT, 'web');
/** Where scripts/build --wasm compiles the engine that build/site is made from. */
const ENGINE_BUILD = process.env.HS_WASM_DIR ? path.resolve(process.env.HS_WASM_DIR) : path.join(REPO_ROOT, 'build', 'wasm');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

function filesUnder(dir, base = dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name.startsWith('.')) return [];
    const full = path.join(dir, e.name);
    return e.isDirectory() ? filesUnder(full, base) : [path.relative(base, full).split(path.sep).join('/')];
  });
}

/** One GET (or HEAD) with exactly these request headers: {status, headers, body (raw bytes as sent)}. */
function get(url, headers = {}, method = 'GET') {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const decode = (encoding, body) => (encoding === 'br' ? zlib.brotliDecompressSync(body) : encoding === 'gzip' ? zlib.gunzipSync(body) : body);

function references(html) {
  return {
    scripts: [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)].map((m) => ({ attrs: m[1], inner: m[2] })),
    styles: [...html.matchAll(/<link rel="stylesheet" href="([^"]+)">/g)].map((m) => m[1]),
    preloads: [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]),
  };
}

test('the site: hashed minified bundles, nothing inline, the names other tools load kept', () => {
  const files = filesUnder(SITE);
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const { scripts: all, styles, preloads } = references(html);
  // First the classic script that starts the engine's compile, then one or two page bundles.
  const [compile, ...scripts] = all;
  assert.match(compile.attrs, /^ src="engine-compile\.[A-Z0-9]{8}\.js"$/, `the first script: ${compile.attrs}`);
  assert.ok(scripts.length >= 1 && scripts.length <= 2, `one or two page bundles: ${scripts.map((s) => s.attrs).join(' | ')}`);
  for (const { attrs, inner } of all) {
    assert.equal(inner.trim(), '', 'no inline script');
    const src = /src="([^"]+)"/.exec(attrs)?.[1];
    if (attrs !== compile.attrs) assert.match(attrs, /type="module"/);
    assert.ok(src && HASHED_NAME.test(src) && files.includes(src), `script ${src}`);
  }
  assert.equal(styles.length, 1);
  for (const ref of [...styles, ...preloads]) assert.ok(HASHED_NAME.test(ref) && files.includes(ref), ref);
  assert.doesNotMatch(html, /<script>|\son[a-z]+=|style="/i, 'no inline script, handler or style');
  // The scratch engine's worker is a bundle of its own, named in the page's code by its hashed name.
  const workers = files.filter((f) => /^engine-worker\.[A-Z0-9]{8}\.mjs$/.test(f));
  assert.equal(workers.length, 1, files.join(' '));
  const pageFiles = files.filter((f) => HASHED_NAME.test(f) && f.endsWith('.mjs') && !workers.includes(f));
  const pageCode = pageFiles.map((f) => fs.readFileSync(path.join(SITE, f), 'utf8')).join('\n');
  assert.ok(pageCode.includes(`"./${workers[0]}"`), 'the page starts the worker by its hashed name');
  // The bundles hold the engine's glue code, the page's as well as the worker's (one request less before the
  // engine starts); the engine module is still in the site under its own name, for the tools that load it.
  for (const [what, code] of [['the page', pageCode], ['the worker', fs.readFileSync(path.join(SITE, workers[0]), 'utf8')]]) {
    assert.doesNotMatch(code, /handshake-engine\.mjs/, `${what} imports no engine module: the engine is in its bundle`);
    assert.match(code, /"handshake-engine\.wasm"/, `the engine in ${what}'s bundle finds its .wasm by name`);
  }
  // The engine starts with the first bytes of the page: the compile of its WebAssembly (a classic script, run
  // while the page is parsed), then its module, which runs as soon as it arrives; both before the stylesheet.
  assert.match(scripts[0].attrs, /^ type="module" async src="engine-boot\.[A-Z0-9]{8}\.mjs"$/);
  assert.ok(html.indexOf(compile.attrs) < html.indexOf(scripts[0].attrs), 'the compile before the engine\'s module');
  assert.ok(html.indexOf(scripts[0].attrs) < html.indexOf('rel="stylesheet"'), 'the engine\'s module before the stylesheet');
  const compileCode = fs.readFileSync(path.join(SITE, /src="([^"]+)"/.exec(compile.attrs)[1]), 'utf8');
  assert.match(compileCode, /WebAssembly\.compileStreaming\(fetch\("handshake-engine\.wasm"/);
  assert.doesNotMatch(compileCode, /\bimport\b|\bexport\b/, 'a classic script');
  // Minified: no comments, no type annotations, far smaller than the modules it replaces.
  for (const f of files.filter((x) => HASHED_NAME.test(x))) {
    const text = fs.readFileSync(path.join(SITE, f), 'utf8');
    assert.doesNotMatch(text, /@ts-check/, `${f} is minified`);
  }
  const sources = filesUnder(WEB).filter((f) => f.endsWith('.mjs') && !f.startsWith('examples/') && !KEEP_BY_NAME.includes(f));
  const sourceBytes = sources.reduce((n, f) => n + fs.statSync(path.join(WEB, f)).size, 0);
  const bundleBytes = files.filter((f) => HASHED_NAME.test(f) && f.endsWith('.mjs')).reduce((n, f) => n + fs.statSync(path.join(SITE, f)).size, 0);
  assert.ok(bundleBytes < sourceBytes * 0.7, `bundles ${bundleBytes} bytes, the modules ${sourceBytes}`);
  // The page's own modules are not in the site (only in the bundles); the names loaded by name are.
  for (const f of sources) assert.ok(!files.includes(f), `${f} is bundled, not shipped`);
  for (const f of ['index.html', 'handshake-engine.mjs', 'handshake-engine.wasm', ...KEEP_BY_NAME, 'lessons/index.json', 'examples/embed-demo.html', 'examples/embed-demo.mjs']) {
    assert.ok(files.includes(f), `${f} (loaded by name) is missing`);
  }
  for (const f of KEEP_BY_NAME) assert.deepEqual(fs.readFileSync(path.join(SITE, f)), fs.readFileSync(path.join(WEB, f)), `${f} as written`);
  // Only the bundles have hashed names.
  for (const f of files.filter((x) => HASHED_NAME.test(x))) assert.match(f, /^(?:(?:app|engine-boot|engine-worker|session-worker|chunk)\.[A-Z0-9]{8}\.mjs|styles\.[A-Z0-9]{8}\.css|engine-compile\.[A-Z0-9]{8}\.js)$/);
});

test('every text file and the .wasm has .gz and .br copies that are the file', () => {
  const files = filesUnder(SITE);
  const originals = files.filter((f) => COMPRESSED.test(f));
  assert.ok(originals.includes('handshake-engine.wasm') && originals.includes('index.html'));
  for (const f of originals) {
    const data = fs.readFileSync(path.join(SITE, f));
    for (const [suffix, inflate] of [['.gz', zlib.gunzipSync], ['.br', zlib.brotliDecompressSync]]) {
      if (!files.includes(f + suffix)) {
        assert.ok(data.length < 1024, `${f}${suffix} is missing (only a small file may lack a copy, when it would not be smaller)`);
        continue;
      }
      const copy = fs.readFileSync(path.join(SITE, f + suffix));
      assert.ok(copy.length < data.length, `${f}${suffix} is smaller`);
      assert.deepEqual(inflate(copy), data, `${f}${suffix}`);
      assert.ok(fs.statSync(path.join(SITE, f + suffix)).mtimeMs >= fs.statSync(path.join(SITE, f)).mtimeMs, `${f}${suffix} is not older than ${f}`);
    }
  }
});

test('Accept-Encoding chooses the copy; hashed names are cached for good, the rest revalidated', async () => {
  const html = fs.readFileSync(path.join(SITE, 'index.html'), 'utf8');
  const bundle = /<script type="module" src="(app\.[A-Z0-9]{8}\.mjs)">/.exec(html)?.[1];
  assert.ok(bundle, 'index.html names the app bundle');
  const raw = fs.readFileSync(path.join(SITE, bundle));
  const url = new URL(bundle, env.server.url);
  const cases = [
    ['gzip, deflate, br, zstd', 'br'], ['gzip', 'gzip'], ['', undefined], ['identity', undefined],
    ['br;q=0, gzip;q=0.5', 'gzip'], ['*', 'br'], ['*, br;q=0', 'gzip'], ['BR', 'br'], ['gzip;q=0, br;q=0', undefined],
  ];
  for (const [accept, expected] of cases) {
    const r = await get(url, accept ? { 'Accept-Encoding': accept } : {});
    assert.equal(r.status, 200, accept);
    assert.equal(r.headers['content-encoding'], expected, `Accept-Encoding: ${accept}`);
    assert.equal(r.headers.vary, 'Accept-Encoding', accept);
    assert.match(r.headers['content-type'], /^text\/javascript\b/, accept);
    assert.equal(r.headers['cache-control'], IMMUTABLE, accept);
    assert.equal(Number(r.headers['content-length']), r.body.length, accept);
    assert.deepEqual(decode(expected, r.body), raw, accept);
    assert.equal(r.headers['content-security-policy'], env.server.headers['Content-Security-Policy'], accept);
  }
  const wasm = await get(new URL('handshake-engine.wasm', env.server.url), { 'Accept-Encoding': 'gzip, br' });
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.equal(wasm.headers['content-encoding'], 'br');
  assert.equal(wasm.headers['cache-control'], 'no-cache', 'a name other tools load is revalidated');
  assert.deepEqual(decode('br', wasm.body), fs.readFileSync(path.join(SITE, 'handshake-engine.wasm')));

  // index.html: no-cache with an ETag per variant; a matching If-None-Match gets 304 and no body.
  const page = await get(env.server.url, { 'Accept-Encoding': 'gzip' });
  assert.equal(page.headers['cache-control'], 'no-cache');
  assert.equal(page.headers['content-encoding'], 'gzip');
  assert.ok(page.headers.etag, 'an ETag');
  assert.equal(decode('gzip', page.body).toString('utf8'), html);
  const plain = await get(env.server.url);
  assert.notEqual(plain.headers.etag, page.headers.etag, 'each variant has its own ETag');
  const again = await get(env.server.url, { 'Accept-Encoding': 'gzip', 'If-None-Match': page.headers.etag });
  assert.equal(again.status, 304);
  assert.equal(again.body.length, 0);
  assert.equal(again.headers['content-security-policy'], env.server.headers['Content-Security-Policy']);
  assert.equal((await get(env.server.url, { 'Accept-Encoding': 'br', 'If-None-Match': page.headers.etag })).status, 200, 'another variant');
  const head = await get(env.server.url, { 'Accept-Encoding': 'br' }, 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body.length, 0);
  assert.equal(Number(head.headers['content-length']), fs.statSync(path.join(SITE, 'index.html.br')).size);

  assert.deepEqual([...acceptedEncodings('gzip;q=0.000, br;q=1')], ['br']);
});

test('a copy older than its file, or leading out of the root, is not served', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-serve-copies-'));
  const www = path.join(dir, 'www');
  fs.mkdirSync(www);
  fs.writeFileSync(path.join(www, 'old.txt'), 'new text');
  fs.writeFileSync(path.join(www, 'old.txt.gz'), zlib.gzipSync('old text'));
  const past = new Date(Date.now() - 60000);
  fs.utimesSync(path.join(www, 'old.txt.gz'), past, past);
  fs.writeFileSync(path.join(www, 'out.txt'), 'inside');
  fs.writeFileSync(path.join(dir, 'secret.gz'), zlib.gzipSync('secret'));
  fs.symlinkSync(path.join(dir, 'secret.gz'), path.join(www, 'out.txt.gz'));
  fs.writeFileSync(path.join(www, 'app.ABCDEFGH.mjs'), 'export {};\n');
  const server = await startSiteServer(www, { port: 0 });
  try {
    const stale = await get(new URL('old.txt', server.url), { 'Accept-Encoding': 'gzip' });
    assert.equal(stale.headers['content-encoding'], undefined);
    assert.equal(stale.body.toString(), 'new text');
    const out = await get(new URL('out.txt', server.url), { 'Accept-Encoding': 'gzip' });
    assert.equal(out.headers['content-encoding'], undefined);
    assert.equal(out.body.toString(), 'inside');
    const hashed = await get(new URL('app.ABCDEFGH.mjs', server.url));
    assert.equal(hashed.headers['cache-control'], IMMUTABLE);
    assert.equal(hashed.headers.etag, undefined);
    assert.equal(hashed.headers.vary, undefined, 'no copy, nothing varies');
  } finally {
    await server.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the build: names follow the content; an inline script or a stray import.meta fails it', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hs-build-site-'));
  const web = path.join(dir, 'web');
  fs.cpSync(WEB, web, { recursive: true });
  // The build's input is the engine as Emscripten wrote it (build/wasm); the site holds a minified copy.
  const engine = path.join(dir, 'handshake-engine.mjs');
  fs.copyFileSync(path.join(ENGINE_BUILD, 'handshake-engine.mjs'), engine);
  fs.copyFileSync(path.join(ENGINE_BUILD, 'handshake-engine.wasm'), path.join(dir, 'handshake-engine.wasm'));
  try {
    const first = await buildProduction({ web, engine, out: path.join(dir, 'a'), compress: false });
    const same = await buildProduction({ web, engine, out: path.join(dir, 'b'), compress: false });
    assert.deepEqual(same.files, first.files, 'the same sources, the same names');
    assert.deepEqual(first.files.filter((f) => HASHED_NAME.test(f)).sort(), filesUnder(SITE).filter((f) => HASHED_NAME.test(f)).sort(), 'build/site is this build');
    fs.appendFileSync(path.join(web, 'styles.css'), '\n.build-test { color: red; }\n');
    const styled = await buildProduction({ web, engine, out: path.join(dir, 'a'), compress: false });
    assert.notEqual(styled.renamed['styles.css'], first.renamed['styles.css']);
    assert.equal(styled.renamed['app.mjs'], first.renamed['app.mjs'], 'a stylesheet change leaves the scripts\' names');
    assert.ok(!fs.existsSync(path.join(dir, 'a', first.renamed['styles.css'])), 'the old stylesheet is gone');

    // A module may name the engine's files, which the site has beside the bundles under their own names.
    fs.appendFileSync(path.join(web, 'engine-boot.mjs'), "\nexport const engineWasmUrl = new URL('./handshake-engine.wasm', import.meta.url);\n");
    const named = await buildProduction({ web, engine, out: path.join(dir, 'a'), compress: false });
    const code = named.files.filter((f) => HASHED_NAME.test(f) && f.endsWith('.mjs')).map((f) => fs.readFileSync(path.join(dir, 'a', f), 'utf8')).join('\n');
    assert.match(code, /new URL\("\.\/handshake-engine\.wasm",import\.meta\.url\)/);

    const html = fs.readFileSync(path.join(web, 'index.html'), 'utf8');
    fs.writeFileSync(path.join(web, 'index.html'), html.replace('</head>', '<script>alert(1)</script>\n</head>'));
    await assert.rejects(buildProduction({ web, engine, out: path.join(dir, 'c'), compress: false }), /inline script/);
    fs.writeFileSync(path.join(web, 'index.html'), html);
    fs.appendFileSync(path.join(web, 'format.mjs'), '\nexport const here = import.meta.url;\n');
    await assert.rejects(buildProduction({ web, engine, out: path.join(dir, 'c'), compress: false }), /format\.mjs uses import\.meta/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the browser loads the bundles compressed, and no module of web/ one by one', async () => {
  const { page, problems } = await env.open({ wait: false });
  const seen = [];
  page.on('response', async (r) => {
    const url = new URL(r.url());
    if (url.protocol !== 'http:') return;
    const headers = await r.allHeaders();
    seen.push({ path: url.pathname, encoding: headers['content-encoding'], status: r.status() });
  });
  await page.goto(env.server.url);
  await page.waitForSelector('html[data-ready="true"]', { timeout: 20000 });
  const paths = seen.map((s) => s.path);
  for (const s of seen) {
    assert.equal(s.status, 200, s.path);
    const file = s.path === '/' ? 'index.html' : s.path.slice(1);
    if (fs.existsSync(path.join(SITE, `${file}.br`))) assert.equal(s.encoding, 'br', s.path);
  }
  const scripts = paths.filter((p) => p.endsWith('.mjs') || p.endsWith('.js'));
  for (const p of scripts) assert.ok(HASHED_NAME.test(p), `${p} is a bundle (the engine's glue code is in the page's)`);
  // Fetched once: by the page (engine-compile.js), which compiles it while it arrives and makes its engine from it.
  assert.deepEqual(paths.filter((p) => p === '/handshake-engine.wasm'), ['/handshake-engine.wasm']);
  assertNoProblems(problems);
});

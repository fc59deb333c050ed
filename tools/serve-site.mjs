// The static file server of the site (build/site), with the site's security headers on every response.
// scripts/playground runs it; the end-to-end tests run the same code (tests/e2e/serve.mjs).
//
//   node tools/serve-site.mjs [--port N] [--frame-ancestors "SOURCE ..."] [ROOT]
//     ROOT               the directory to serve (default: build/site)
//     --port N           port on 127.0.0.1 (default 8080; 0 = any free port). The URL is printed when ready.
//     --frame-ancestors  who may show the page in an <iframe>, added to 'self' (CSP frame-ancestors sources,
//                        space-separated: "https://docs.example.com https://*.example.org"; "*" = any site)
//
// Headers: tools/site-headers.json (Content-Security-Policy, X-Content-Type-Options, Referrer-Policy), sent
// with every answer: pages, modules, the worker script, the .wasm, and errors. MIME types are explicit
// (.wasm application/wasm, .mjs text/javascript). Only GET and HEAD; only files under ROOT (no "..", no
// hidden files, no symbolic link leading out); only Host names of the loopback interface (DNS rebinding).
//
// Compression and caching (the production site of tools/build-site.mjs):
//  - FILE.br or FILE.gz beside FILE (and not older than it) is sent instead of FILE when the request's
//    Accept-Encoding allows (br first), with Content-Encoding; every file that has such a copy is sent with
//    Vary: Accept-Encoding. The Content-Type is FILE's.
//  - a content-hashed name (NAME.HASH.EXT, HASH 8 characters of [A-Z0-9]: the bundles) is sent with
//    Cache-Control: public, max-age=31536000, immutable; every other file with no-cache, and an ETag, so that
//    a browser revalidating it (If-None-Match) gets 304 Not Modified without the body.
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_SITE = path.join(REPO_ROOT, 'build', 'site');
export const HEADERS_FILE = path.join(REPO_ROOT, 'tools', 'site-headers.json');
const DEFAULT_PORT = 8080;

/** A content-hashed file name, as tools/build-site.mjs gives the bundles: NAME.HASH.EXT. */
export const HASHED_NAME = /(?:^|\/)[^/]+\.[A-Z0-9]{8}\.(?:mjs|js|css)$/;
export const IMMUTABLE = 'public, max-age=31536000, immutable';
/** The precompressed copies the server looks for, best first: [Content-Encoding, suffix]. */
const ENCODINGS = Object.freeze([['br', '.br'], ['gzip', '.gz']]);

/**
 * The codings an Accept-Encoding header allows (RFC 9110 12.5.3): a coding is acceptable when it is listed, or
 * '*' is, with a q-value above 0. Returns a Set of lower-case coding names.
 */
export function acceptedEncodings(header) {
  const accepted = new Set();
  const refused = new Set();
  let star = false;
  for (const part of String(header || '').split(',')) {
    const [coding, ...params] = part.trim().toLowerCase().split(';').map((x) => x.trim());
    if (!coding) continue;
    const q = params.find((p) => p.startsWith('q='));
    const zero = q !== undefined && !(Number(q.slice(2)) > 0);
    if (coding === '*') star = !zero;
    else (zero ? refused : accepted).add(coding);
  }
  if (star) for (const [coding] of ENCODINGS) if (!refused.has(coding)) accepted.add(coding);
  return accepted;
}

export const MIME = Object.freeze({
  '.html': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.gz': 'application/gzip',
  '.br': 'application/octet-stream',
});

const DEFINITION = JSON.parse(fs.readFileSync(HEADERS_FILE, 'utf8'));

// A CSP source expression as frame-ancestors takes it: a keyword, a scheme ("https:"), or
// scheme://host[:port] with "*." host and ":*" port wildcards. Nothing that could end the directive.
const SOURCE = /^(?:'self'|'none'|\*|[a-z][a-z0-9+.-]*:|(?:[a-z][a-z0-9+.-]*:\/\/)?(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*(?::(?:\d{1,5}|\*))?|(?:[a-z][a-z0-9+.-]*:\/\/)?\[[0-9a-f:]+\](?::(?:\d{1,5}|\*))?)$/i;

/** Split and check a list of frame-ancestors sources; throws on anything that is not one. */
export function parseAncestors(text) {
  const list = String(text).trim().split(/\s+/).filter(Boolean);
  for (const source of list) {
    if (!SOURCE.test(source)) throw new Error(`not a frame-ancestors source: ${JSON.stringify(source)}`);
  }
  return list;
}

/**
 * The site's headers (an object of header name -> value). frameAncestors: extra sources for the CSP
 * frame-ancestors directive, after the definition's own ('self'); "*" replaces the list.
 */
export function siteHeaders({ frameAncestors = [] } = {}) {
  const extra = Array.isArray(frameAncestors) ? frameAncestors : parseAncestors(frameAncestors);
  for (const source of extra) if (!SOURCE.test(source)) throw new Error(`not a frame-ancestors source: ${JSON.stringify(source)}`);
  const directives = DEFINITION.contentSecurityPolicy.map(([name, ...sources]) => {
    if (name !== 'frame-ancestors' || extra.length === 0) return [name, ...sources];
    if (extra.includes('*')) return [name, '*'];
    const merged = [...sources.filter((s) => s !== "'none'"), ...extra.filter((s) => s !== "'none'")];
    return [name, ...new Set(merged)];
  });
  return {
    'Content-Security-Policy': directives.map((d) => d.join(' ')).join('; '),
    ...DEFINITION.headers,
  };
}

/** The Host header values the server answers: the loopback names with its port. */
function allowedHosts(host, port) {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (host && host !== '0.0.0.0' && host !== '::') names.add(host.includes(':') ? `[${host}]` : host);
  return new Set([...names].map((n) => `${n}:${port}`.toLowerCase()));
}

/**
 * Serve root. options: port (0: any free port), host ('127.0.0.1'), frameAncestors (extra sources),
 * headers (false: only X-Content-Type-Options and Cache-Control, for pages that stand for another site
 * in tests). Resolves to {url, port, headers, close()}.
 */
export function startServer(root = DEFAULT_SITE, { port = 0, host = '127.0.0.1', frameAncestors = [], headers = true } = {}) {
  const base = path.resolve(root);
  const common = headers ? siteHeaders({ frameAncestors }) : { 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'no-cache' };
  let hosts = new Set();

  function answer(res, status, extra = {}, body = '') {
    const data = Buffer.from(body, 'utf8');
    res.writeHead(status, { ...common, 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': data.length, ...extra });
    res.end(data);
  }

  // The file system is read synchronously: a request's lookups (its file, the real path under root, the
  // precompressed copies) are a dozen calls that each take microseconds on a warm cache, where the promise
  // forms took a trip through libuv's pool of four threads each. With the page's dozen requests at once on
  // 2 busy cores, that made each answer wait 10-50 ms (Resource Timing's requestStart -> responseStart) and,
  // six connections to a host being all a browser opens, held back the requests behind them.
  function statOf(file) {
    try { return fs.statSync(file); } catch { return null; }
  }

  function resolveFile(pathname) {
    let decoded;
    try { decoded = decodeURIComponent(pathname); } catch { return { status: 400 }; }
    if (decoded.includes('\0') || decoded.includes('\\')) return { status: 400 };
    const segments = decoded.split('/');
    if (segments.some((s) => s === '..' || s === '.')) return { status: 403 };
    if (segments.some((s) => s.startsWith('.'))) return { status: 404 };
    let file = path.resolve(base, `.${decoded}`);
    if (file !== base && !file.startsWith(base + path.sep)) return { status: 403 };
    let stat = statOf(file);
    if (stat && stat.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = statOf(file);
    }
    if (!stat || !stat.isFile()) return { status: 404 };
    // A symbolic link under root may point elsewhere: serve only what really lies under root.
    const real = underRoot(file);
    if (!real) return { status: 403 };
    return { status: 200, file: real, stat };
  }

  /** The real path of file when it lies under root, else null. */
  function underRoot(file) {
    const realpath = (f) => { try { return fs.realpathSync(f); } catch { return null; } };
    const real = realpath(file);
    const realBase = realpath(base) || base;
    if (!real || (real !== realBase && !real.startsWith(realBase + path.sep))) return null;
    return real;
  }

  /**
   * What to send for a file: the best precompressed copy the request accepts, else the file itself.
   * {file, stat, encoding (null: none), varies (a copy exists)}. A copy older than the file is stale: ignored.
   */
  function chooseVariant(found, acceptEncoding) {
    const accepted = acceptedEncodings(acceptEncoding);
    let varies = false;
    let chosen = null;
    for (const [encoding, suffix] of ENCODINGS) {
      const stat = statOf(found.file + suffix);
      if (!stat || !stat.isFile() || stat.mtimeMs < found.stat.mtimeMs) continue;
      varies = true;
      if (chosen || !accepted.has(encoding)) continue;
      const real = underRoot(found.file + suffix);
      if (real) chosen = { file: real, stat, encoding };
    }
    return { ...(chosen || { file: found.file, stat: found.stat, encoding: null }), varies };
  }

  const server = http.createServer((req, res) => {
    try {
      if (!hosts.has(String(req.headers.host || '').toLowerCase())) {
        answer(res, 421, {}, 'This server answers only for its loopback address (127.0.0.1, localhost, [::1]).\n');
        return;
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        answer(res, 405, { Allow: 'GET, HEAD' }, 'Only GET and HEAD.\n');
        return;
      }
      const raw = String(req.url || '/');
      if (!raw.startsWith('/')) { answer(res, 400, {}, 'Bad request.\n'); return; }
      const pathname = raw.split(/[?#]/, 1)[0];
      const found = resolveFile(pathname);
      if (found.status !== 200) {
        const text = { 400: 'Bad request.\n', 403: 'Forbidden.\n', 404: 'Not found.\n' }[found.status];
        answer(res, found.status, {}, text);
        return;
      }
      const variant = chooseVariant(found, req.headers['accept-encoding']);
      const immutable = HASHED_NAME.test(found.file.split(path.sep).join('/'));
      const etag = `"${variant.stat.size.toString(36)}-${Math.trunc(variant.stat.mtimeMs).toString(36)}${variant.encoding ? `-${variant.encoding}` : ''}"`;
      const headers = {
        ...common,
        'Content-Type': MIME[path.extname(found.file).toLowerCase()] || 'application/octet-stream',
        ...(immutable ? { 'Cache-Control': IMMUTABLE } : { ETag: etag }),
        ...(variant.encoding ? { 'Content-Encoding': variant.encoding } : {}),
        ...(variant.varies ? { Vary: 'Accept-Encoding' } : {}),
      };
      const tags = String(req.headers['if-none-match'] || '').split(',').map((t) => t.trim().replace(/^W\//, ''));
      if (!immutable && (tags.includes(etag) || tags.includes('*'))) {
        res.writeHead(304, headers);
        res.end();
        return;
      }
      const data = fs.readFileSync(variant.file);
      res.writeHead(200, { ...headers, 'Content-Length': data.length });
      res.end(req.method === 'HEAD' ? undefined : data);
    } catch (err) {
      if (!res.headersSent) answer(res, 500, {}, 'Internal error.\n');
      else res.destroy();
      process.stderr.write(`serve-site: ${err && err.stack ? err.stack : err}\n`);
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      hosts = allowedHosts(host, actual);
      const shown = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${shown}:${actual}/`,
        port: actual,
        headers: common,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

const USAGE = `usage: node tools/serve-site.mjs [--port N] [--frame-ancestors "SOURCE ..."] [ROOT]

Serves ROOT (default build/site) on http://127.0.0.1:N/ (default ${DEFAULT_PORT}) with the headers of
tools/site-headers.json on every response.
  --port N                      port (0 = any free port)
  --frame-ancestors "SOURCES"   origins allowed to frame the page, besides 'self' (e.g. https://docs.example.com)
`;

function fail(message) {
  process.stderr.write(`serve-site: ${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main(argv) {
  let port = DEFAULT_PORT;
  let root = DEFAULT_SITE;
  let frameAncestors = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '-h' || arg === '--help') { process.stdout.write(USAGE); return; }
    if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      if (value === undefined || !/^\d{1,5}$/.test(value) || Number(value) > 65535) fail(`bad port: ${value}`);
      port = Number(value);
    } else if (arg === '--frame-ancestors' || arg.startsWith('--frame-ancestors=')) {
      const value = arg === '--frame-ancestors' ? argv[++i] : arg.slice('--frame-ancestors='.length);
      if (value === undefined) fail('--frame-ancestors needs a value');
      try { frameAncestors = [...frameAncestors, ...parseAncestors(value)]; } catch (err) { fail(err.message); }
    } else if (arg.startsWith('-')) {
      fail(`unknown option: ${arg}`);
    } else {
      root = path.resolve(arg);
    }
  }
  const server = await startServer(root, { port, frameAncestors }).catch((err) => fail(`cannot listen on 127.0.0.1:${port}: ${err.message}`));
  process.stdout.write(`Handshake Playground: ${server.url}\n`);
  process.stderr.write(`serving ${root}\nContent-Security-Policy: ${server.headers['Content-Security-Policy']}\n`);
  const stop = () => server.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}

// The static server of the end-to-end tests: the site's own server (tools/serve-site.mjs, which
// scripts/playground runs), so every test loads the page under the real header policy
// (tools/site-headers.json: Content-Security-Policy, X-Content-Type-Options, Referrer-Policy).
//   import { startServer } from './serve.mjs'; const server = await startServer(root); server.url; await server.close();
//   node tests/e2e/serve.mjs [--port N] [root]      (root defaults to build/site)
//
// Two differences from scripts/playground, both chosen by the tests' needs:
//  - frame-ancestors also allows http://127.0.0.1:* : embed.test.mjs frames the playground from a
//    "documentation host" on another port of 127.0.0.1, the way a docs site is allowed in
//    (docs/embedding.md, "Hosting the site: headers"). A page on localhost:* is still refused.
//  - a root that is not a built site (no handshake-engine.mjs: the host and "other site" pages some tests
//    write to a temp dir) stands for another web site and gets no site policy.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SITE, REPO_ROOT, siteHeaders, startServer as startSiteServer } from '../../tools/serve-site.mjs';

export { DEFAULT_SITE, REPO_ROOT, siteHeaders };

/** The frame-ancestors sources the test server adds to the site's own ('self'). */
export const TEST_FRAME_ANCESTORS = Object.freeze(['http://127.0.0.1:*']);

export function isSite(root) {
  return fs.existsSync(path.join(path.resolve(root), 'handshake-engine.mjs'));
}

export function startServer(root = DEFAULT_SITE, { port = 0, host = '127.0.0.1', frameAncestors = TEST_FRAME_ANCESTORS, headers = isSite(root) } = {}) {
  return startSiteServer(root, { port, host, frameAncestors, headers });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  let port = 0;
  let root = DEFAULT_SITE;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--port') port = Number(args[++i]);
    else root = args[i];
  }
  const server = await startServer(root, { port });
  process.stdout.write(`serving ${root} at ${server.url}\n`);
}

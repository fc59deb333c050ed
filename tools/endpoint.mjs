// An AWS JSON 1.1 HTTP endpoint on 127.0.0.1 backed by the WebAssembly engine (build/site).
// Run it through scripts/endpoint; see docs/clients.md.
//
//   node tools/endpoint.mjs [--port N] [--log]
//
// Prints the URL (e.g. http://127.0.0.1:8085) as the first line on stdout once it is listening;
// everything else goes to stderr. --port 0 picks a free port. SIGINT/SIGTERM stop it (exit 0).
//
// Requests: POST / with X-Amz-Target and a JSON body, as every AWS SDK and the AWS CLI send them.
// The caller is the access key id in the SigV4 Authorization header (Credential=AKID/...): 12 digits
// is that account; any other key gets 400 UnrecognizedClientException, no Authorization header 400
// MissingAuthenticationTokenException. Signatures are not checked. Simulator.* targets need no
// Authorization header.
//
// Protection (it listens on loopback, but web pages in the user's browser can reach loopback too):
//  - Host must be 127.0.0.1:PORT, localhost:PORT or [::1]:PORT. Any other name (a DNS-rebinding page's
//    own domain that resolves to 127.0.0.1) gets 421 InvalidHostHeaderException, and nothing runs.
//  - A body is at most 4 MiB. A larger declared Content-Length gets 413 at once, before any of the body
//    is read (also in place of "100 Continue"); a chunked body, or any body, that goes past the limit
//    gets 413 as soon as it does and is not read further. The connection is closed after a 413.

import http from 'node:http';
import { loadEngine } from './endpoint-engine.mjs';
import { DEFAULT_SCENARIO, SCENARIO_IDS, startWorld } from './endpoint-world.mjs';
import { dispatchToEngine, JSON_CONTENT_TYPE, newRequestId } from '../web/sdk-handler.mjs';

const DEFAULT_PORT = 8085;
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const USAGE = `usage: scripts/endpoint [--port N] [--log] [--scenario NAME | --session FILE | --empty]

Serves the handshake engine as an AWS Organizations endpoint on http://${HOST}:N (default ${DEFAULT_PORT}).
  --port N          port to listen on (0 = any free port); the URL is printed on stdout when ready
  --log             log one line per request to stderr
  --scenario NAME   start from one of the page's scenarios: ${SCENARIO_IDS.join(', ')} (default ${DEFAULT_SCENARIO})
  --session FILE    start from a session: a file exported by the page, or a file holding a share link
  --empty           start from an empty world
The accounts of the start world are listed on stderr.
Point clients at it with --endpoint-url / endpoint_url; the access key id is the caller's account id.
`;

function parseArgs(argv) {
  const options = { port: DEFAULT_PORT, log: false, world: {} };
  const worldOption = (name, value) => {
    if (Object.keys(options.world).length) fail('give at most one of --scenario, --session and --empty');
    if (value === undefined || value === '') fail(`${name} needs a value`);
    return value;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--log') {
      options.log = true;
    } else if (arg === '--empty') {
      worldOption('--empty', true);
      options.world = { empty: true };
    } else if (arg === '--scenario' || arg.startsWith('--scenario=')) {
      const value = worldOption('--scenario', arg === '--scenario' ? argv[++i] : arg.slice('--scenario='.length));
      if (!SCENARIO_IDS.includes(value)) fail(`--scenario must be one of ${SCENARIO_IDS.join(', ')}, got ${JSON.stringify(value)}`);
      options.world = { scenario: value };
    } else if (arg === '--session' || arg.startsWith('--session=')) {
      options.world = { session: worldOption('--session', arg === '--session' ? argv[++i] : arg.slice('--session='.length)) };
    } else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65535) {
        fail(`--port needs a number from 0 to 65535, got ${value === undefined ? 'nothing' : JSON.stringify(value)}`);
      }
      options.port = Number(value);
    } else {
      fail(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  return options;
}

function fail(message) {
  process.stderr.write(`endpoint: ${message}\n\n${USAGE}`);
  process.exit(2);
}

function send(res, status, body, requestId, extraHeaders = {}) {
  const bytes = Buffer.from(body, 'utf8');
  res.writeHead(status, {
    'Content-Type': JSON_CONTENT_TYPE,
    'Content-Length': bytes.length,
    'x-amzn-RequestId': requestId,
    ...extraHeaders,
  });
  res.end(bytes);
}

function errorBody(type, message) {
  return JSON.stringify({ __type: type, Message: message });
}

/** The Host header values this endpoint answers: loopback names with its own port. */
function allowedHosts(port) {
  return new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
}

/** How long a refused connection stays open for the client to read the answer before it is dropped. */
const LINGER_MS = 2000;

const TOO_LARGE = errorBody('RequestEntityTooLargeException', `Request body too large: the limit is ${MAX_BODY_BYTES} bytes.`);

/** Answer 413 and stop: the rest of the body is never read, the connection is closed. */
function refuseTooLarge(req, res) {
  req.pause();
  req.removeAllListeners('data');
  req.removeAllListeners('end');
  if (res.headersSent) { req.socket.destroy(); return; }
  send(res, 413, TOO_LARGE, newRequestId(), { Connection: 'close' });
  closeAfterAnswer(req, res);
}

/**
 * Once the answer is sent: half-close so the client reads it, then drop the connection whatever it still
 * sends. The drop resets the connection (unread body bytes are waiting), and a reset discards what the
 * client has not read yet: a busy client (a CI run) missed a 413 after 250 ms, so it gets LINGER_MS.
 */
function closeAfterAnswer(req, res) {
  res.once('finish', () => {
    req.socket.end();
    setTimeout(() => req.socket.destroy(), LINGER_MS).unref();
  });
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  let engine;
  const log = options.log ? (line) => process.stderr.write(`${line}\n`) : () => {};

  let hosts = new Set();

  // Checks that need no body: Host, route, method, declared length. Returns false when it answered.
  const admit = (req, res) => {
    if (!hosts.has(String(req.headers.host ?? '').toLowerCase())) {
      req.pause();
      send(res, 421, errorBody('InvalidHostHeaderException',
        `This endpoint answers only requests addressed to ${[...hosts].join(', ')}.`), newRequestId(), { Connection: 'close' });
      closeAfterAnswer(req, res);
      return false;
    }
    const declared = req.headers['content-length'];
    if (declared !== undefined && !(Number(declared) <= MAX_BODY_BYTES)) {
      refuseTooLarge(req, res);
      return false;
    }
    return true;
  };

  const server = http.createServer((req, res) => {
    if (!req.admitted && !admit(req, res)) return;
    const path = (req.url || '/').split('?')[0];
    if (path !== '/') {
      req.resume();
      send(res, 404, errorBody('UnknownOperationException', `No route for ${path}; send POST / with X-Amz-Target.`), newRequestId());
      return;
    }
    if (req.method !== 'POST') {
      req.resume();
      send(res, 405, errorBody('UnknownOperationException', 'Only POST / is supported.'), newRequestId(), { Allow: 'POST' });
      return;
    }
    const chunks = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        tooLarge = true;
        chunks.length = 0;
        refuseTooLarge(req, res);
      } else {
        chunks.push(chunk);
      }
    });
    req.on('end', () => {
      if (tooLarge) return;
      const target = req.headers['x-amz-target'] ?? '';
      let result;
      try {
        result = dispatchToEngine(engine, {
          target,
          body: Buffer.concat(chunks).toString('utf8'),
          authorization: req.headers.authorization,
        });
      } catch (error) {
        process.stderr.write(`endpoint: engine failure on ${target}: ${error && error.stack ? error.stack : error}\n`);
        send(res, 500, errorBody('ServiceException', 'The engine failed while handling the request.'), newRequestId());
        return;
      }
      log(`${new Date().toISOString()} ${target} -> ${result.status}`);
      send(res, result.status, result.body, result.requestId);
    });
    req.on('error', () => res.destroy());
  });

  // Requests node's HTTP parser refuses (malformed framing, a Content-Length too large to parse, headers
  // over 16 KiB) get an AWS-shaped answer too, and the connection is closed.
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable || socket._httpMessage) {
      socket.destroy();
      return;
    }
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    const body = errorBody('SerializationException', 'Malformed HTTP request.');
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${JSON_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });

  // "Expect: 100-continue": the checks run before the client is told to send its body.
  server.on('checkContinue', (req, res) => {
    if (!admit(req, res)) return;
    req.admitted = true;
    res.writeContinue();
    server.emit('request', req, res);
  });

  server.on('error', (error) => {
    process.stderr.write(`endpoint: cannot listen on ${HOST}:${options.port}: ${error.message}\n`);
    process.exit(1);
  });

  let stopping = false;
  const stop = (signal) => {
    if (stopping) return;
    stopping = true;
    log(`endpoint: ${signal}, stopping`);
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));

  loadEngine()
    .then(async (loaded) => {
      const { description, accounts } = await startWorld(loaded, options.world).catch((error) => {
        process.stderr.write(`endpoint: cannot build the start world: ${error && error.message ? error.message : error}\n`);
        process.exit(1);
      });
      process.stderr.write(describeAccounts(description, accounts));
      engine = loaded;
      if (stopping) return;
      server.listen(options.port, HOST, () => {
        const { port } = server.address();
        hosts = allowedHosts(port);
        process.stdout.write(`http://${HOST}:${port}\n`);
      });
    })
    .catch((error) => {
      process.stderr.write(`endpoint: cannot load the engine: ${error && error.message ? error.message : error}\n`);
      process.exit(1);
    });
}

/** The start world's accounts, one line each, for stderr: who a client can be (its access key id). */
function describeAccounts(description, accounts) {
  const lines = [`endpoint: serving ${description}; the access key id is the caller's account:`];
  for (const a of accounts) {
    const role = a.Role === 'MANAGEMENT' ? `management account of ${a.OrganizationId}`
      : a.Role === 'MEMBER' ? `member of ${a.OrganizationId}` : 'standalone';
    lines.push(`  ${a.Id}  ${String(a.Name).padEnd(8)} ${String(a.Email).padEnd(22)} ${role}`);
  }
  if (!accounts.length) lines.push('  (no accounts: create them with Simulator.CreateAccount)');
  return `${lines.join('\n')}\n`;
}

main();

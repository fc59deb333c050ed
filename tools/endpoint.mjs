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

import http from 'node:http';
import { loadEngine } from './endpoint-engine.mjs';
import { dispatchToEngine, JSON_CONTENT_TYPE, newRequestId } from '../web/sdk-handler.mjs';

const DEFAULT_PORT = 8085;
const HOST = '127.0.0.1';
const MAX_BODY_BYTES = 4 * 1024 * 1024;

const USAGE = `usage: scripts/endpoint [--port N] [--log]

Serves the handshake engine as an AWS Organizations endpoint on http://${HOST}:N (default ${DEFAULT_PORT}).
  --port N   port to listen on (0 = any free port); the URL is printed on stdout when ready
  --log      log one line per request to stderr
Point clients at it with --endpoint-url / endpoint_url; the access key id is the caller's account id.
`;

function parseArgs(argv) {
  const options = { port: DEFAULT_PORT, log: false };
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i];
    if (arg === '--help' || arg === '-h') {
      process.stdout.write(USAGE);
      process.exit(0);
    } else if (arg === '--log') {
      options.log = true;
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

function main() {
  const options = parseArgs(process.argv.slice(2));
  let engine;
  const log = options.log ? (line) => process.stderr.write(`${line}\n`) : () => {};

  const server = http.createServer((req, res) => {
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
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        send(res, 413, errorBody('SerializationException', 'Request body too large.'), newRequestId());
        return;
      }
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
    .then((loaded) => {
      engine = loaded;
      if (stopping) return;
      server.listen(options.port, HOST, () => {
        const { port } = server.address();
        process.stdout.write(`http://${HOST}:${port}\n`);
      });
    })
    .catch((error) => {
      process.stderr.write(`endpoint: cannot load the engine: ${error && error.message ? error.message : error}\n`);
      process.exit(1);
    });
}

main();

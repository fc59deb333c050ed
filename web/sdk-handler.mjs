// @ts-check
// Route AWS SDK for JavaScript v3 requests into the handshake engine instead of the network.
//
//   import { OrganizationsClient } from '@aws-sdk/client-organizations';
//   import { createEngineRequestHandler, credentialsFor } from './sdk-handler.mjs';
//
//   const client = new OrganizationsClient({
//     region: 'us-east-1',
//     credentials: credentialsFor('111111111111'),        // "who you are"
//     requestHandler: createEngineRequestHandler(engine),  // engine.handle(caller, target, body)
//   });
//
// Who is calling: the SDK signs every request (SigV4) before it reaches the request handler, so the
// handler reads the access key id from the `Authorization` header (`Credential=<AccessKeyId>/...`).
// Rule: an access key id of exactly 12 digits IS the caller's account id. Any other access key id (or
// an unsigned request) is answered like AWS answers an unknown key: HTTP 400
// `UnrecognizedClientException`, which the SDK raises as a service exception of that name.
// `credentialsFor(accountId)` builds such credentials; pass `{ callerFor(request) }` to choose the
// caller another way (it receives the signed HttpRequest and returns an account id string).
//
// The signature itself is not verified. `Simulator.*` targets need no caller.
//
// Browser-safe: no imports. The engine object is handed in; nothing here touches the network.

// HTTP reason phrases of the statuses the engine answers (413: a request over the size limit).
/**
 * @typedef {{handle(caller: string, target: string, body: string): {status: number, body: unknown}}} Engine
 * @typedef {{headers?: Record<string, string | string[] | undefined>, body?: unknown}} HttpRequest
 */

/** @type {Record<number, string>} */
const STATUS_REASONS = { 200: 'OK', 400: 'Bad Request', 413: 'Payload Too Large' };

export const ACCOUNT_ID_PATTERN = /^\d{12}$/;

export const JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

const INVALID_TOKEN_MESSAGE = 'The security token included in the request is invalid.';
const MISSING_TOKEN_MESSAGE = 'Missing Authentication Token';

/** Credentials whose access key id is the account id: the engine treats the caller as that account. @param {unknown} accountId */
export function credentialsFor(accountId) {
  const id = String(accountId);
  if (!ACCOUNT_ID_PATTERN.test(id)) {
    throw new TypeError(`credentialsFor: an account id is 12 digits, got ${JSON.stringify(accountId)}`);
  }
  return { accessKeyId: id, secretAccessKey: 'handshake-playground' };
}

/** The account id an access key id stands for, or null when it is not exactly 12 digits. @param {unknown} accessKeyId */
export function accountIdFromAccessKeyId(accessKeyId) {
  return typeof accessKeyId === 'string' && ACCOUNT_ID_PATTERN.test(accessKeyId) ? accessKeyId : null;
}

/** The access key id in a SigV4 `Authorization` header (`... Credential=AKID/date/region/...`), or null. @param {unknown} authorization */
export function accessKeyIdFromAuthorization(authorization) {
  if (typeof authorization !== 'string') return null;
  const match = /(?:^|[\s,])Credential=([^/\s,]+)\//.exec(authorization);
  return match ? match[1] : null;
}

/**
 * Case-insensitive header lookup on a plain headers object.
 * @param {Record<string, string | string[] | undefined> | null | undefined} headers
 * @param {string} name
 */
export function headerValue(headers, name) {
  if (!headers) return undefined;
  const wanted = name.toLowerCase();
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === wanted) {
      const value = headers[key];
      return Array.isArray(value) ? value.join(',') : value;
    }
  }
  return undefined;
}

let requestCounter = 0;

/** A fresh request id (UUID form, like AWS's x-amzn-RequestId). */
export function newRequestId() {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  requestCounter += 1;
  const tail = (Date.now().toString(16) + requestCounter.toString(16).padStart(8, '0')).slice(-12).padStart(12, '0');
  return `00000000-0000-4000-8000-${tail}`;
}

/** @param {string} type @param {string} message */
function errorBody(type, message) {
  return JSON.stringify({ __type: type, Message: message });
}

/**
 * One request through the engine: decides the caller from the SigV4 Authorization header (unless
 * `caller` is given), calls engine.handle, and returns { status, body, requestId } with body a string.
 * Shared by the SDK request handler and the HTTP endpoint (tools/endpoint.mjs).
 * @param {Engine} engine
 * @param {{target?: unknown, body?: unknown, authorization?: unknown, caller?: unknown}} request
 */
export function dispatchToEngine(engine, { target, body, authorization, caller }) {
  const requestId = newRequestId();
  const targetName = typeof target === 'string' ? target : '';
  let who = caller;
  if (!targetName.startsWith('Simulator.')) {
    if (who === undefined) {
      if (authorization === undefined || authorization === null || authorization === '') {
        return { status: 400, body: errorBody('MissingAuthenticationTokenException', MISSING_TOKEN_MESSAGE), requestId };
      }
      who = accountIdFromAccessKeyId(accessKeyIdFromAuthorization(authorization));
    } else {
      who = accountIdFromAccessKeyId(who);
    }
    if (who === null) {
      return { status: 400, body: errorBody('UnrecognizedClientException', INVALID_TOKEN_MESSAGE), requestId };
    }
  } else {
    who = typeof who === 'string' ? who : '';
  }
  const result = engine.handle(/** @type {string} */ (who), targetName, typeof body === 'string' ? body : '');
  return { status: result.status, body: String(result.body), requestId };
}

/** @param {unknown} body */
function bodyToString(body) {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  if (body instanceof ArrayBuffer) return new TextDecoder().decode(new Uint8Array(body));
  if (ArrayBuffer.isView(body)) return new TextDecoder().decode(new Uint8Array(body.buffer, body.byteOffset, body.byteLength));
  throw new TypeError('sdk-handler: unsupported request body (expected a string or bytes)');
}

/** @param {AbortSignal | undefined} signal */
function abortError(signal) {
  const reason = signal && signal.reason;
  if (reason instanceof Error) return reason;
  const error = new Error('Request aborted');
  error.name = 'AbortError';
  return error;
}

/**
 * A requestHandler for AWS SDK v3 clients that answers from `engine` (anything with
 * handle(caller, target, body) -> { status, body }).
 *
 * options.callerFor(request): returns the caller's account id for a signed HttpRequest. Default: the
 * access key id from the SigV4 Authorization header (12 digits = that account; otherwise the request
 * gets 400 UnrecognizedClientException).
 * @param {Engine} engine
 * @param {{callerFor?: (request: HttpRequest) => unknown}} [options]
 */
export function createEngineRequestHandler(engine, options = {}) {
  if (!engine || typeof engine.handle !== 'function') {
    throw new TypeError('createEngineRequestHandler: engine must have a handle(caller, target, body) method');
  }
  const { callerFor } = options;
  /** @type {Record<string, unknown>} */
  const config = {};
  const encoder = new TextEncoder();

  return {
    metadata: { handlerProtocol: 'handshake-engine' },

    /** @param {HttpRequest} request @param {{abortSignal?: AbortSignal}} [handlerOptions] */
    async handle(request, handlerOptions = {}) {
      const signal = handlerOptions.abortSignal;
      if (signal && signal.aborted) throw abortError(signal);
      const headers = request.headers || {};
      const target = headerValue(headers, 'x-amz-target');
      const body = bodyToString(request.body);
      const caller = typeof callerFor === 'function' ? await callerFor(request) : undefined;
      const result = dispatchToEngine(engine, {
        target,
        body,
        authorization: headerValue(headers, 'authorization'),
        caller: caller === undefined ? undefined : caller === null ? '' : String(caller),
      });
      const bytes = encoder.encode(result.body);
      return {
        response: {
          statusCode: result.status,
          reason: STATUS_REASONS[result.status] ?? 'Internal Server Error',
          headers: {
            'content-type': JSON_CONTENT_TYPE,
            'content-length': String(bytes.byteLength),
            'x-amzn-requestid': result.requestId,
          },
          body: bytes,
        },
      };
    },

    /** @param {string} key @param {unknown} value */
    updateHttpClientConfig(key, value) {
      config[key] = value;
    },

    httpHandlerConfigs() {
      return config;
    },

    destroy() {},
  };
}

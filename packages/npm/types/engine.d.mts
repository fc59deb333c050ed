// Types of handshake-playground/engine: the engine in-process and the AWS SDK v3 request handler over it.

export interface EngineResponse {
  /** 200, 400 (an AWS error), or 413 (a request over the size limit). */
  status: number;
  /** The raw JSON body. */
  body: string;
}

export interface Engine {
  /** One request, AWS JSON 1.1: caller = the account id ('' for Simulator.*), target = X-Amz-Target. */
  handle(caller: string, target: string, body: string): EngineResponse;
  /** A Simulator control (e.g. 'CreateAccount', 'AdvanceTime'), answered as parsed JSON; throws EngineError unless 200. */
  simulator(control: string, request?: Record<string, unknown>): any;
}

export interface EngineOptions {
  /** Build one of the page's worlds: 'docs' (Bill 111111111111 manages o-exampleorgid; Susan 222222222222 and
   *  Juan 333333333333 are standalone), 'consolidated', 'transfer', 'empty'. Default: a fresh engine. */
  scenario?: string;
  /** The seed of Simulator.Reset: the ids the engine generates follow it. */
  seed?: number;
}

export function createEngine(options?: EngineOptions): Promise<Engine>;

/** A Simulator control the engine refused. */
export class EngineError extends Error {
  constructor(control: string, status: number, body: string);
  readonly status: number;
  /** The error's __type, e.g. "InvalidInputException". */
  readonly type: string;
  readonly body: string;
}

/** A signed request as the SDK hands it to its request handler. */
export interface HttpRequestLike {
  headers?: Record<string, string | string[] | undefined>;
  body?: unknown;
}

export interface EngineRequestHandlerOptions {
  /** The caller's account id for a signed request. Default: the SigV4 access key id when it is 12 digits
   *  (credentialsFor); any other key is answered 400 UnrecognizedClientException, like AWS. */
  callerFor?(request: HttpRequestLike): unknown;
}

/** A requestHandler for AWS SDK v3 clients (new OrganizationsClient({ requestHandler })). */
export interface EngineRequestHandler {
  metadata: { handlerProtocol: string };
  handle(request: HttpRequestLike, options?: { abortSignal?: AbortSignal }): Promise<{
    response: { statusCode: number; reason: string; headers: Record<string, string>; body: Uint8Array };
  }>;
  updateHttpClientConfig(key: string, value: unknown): void;
  httpHandlerConfigs(): Record<string, unknown>;
  destroy(): void;
}

export function createEngineRequestHandler(
  engine: Pick<Engine, 'handle'>,
  options?: EngineRequestHandlerOptions,
): EngineRequestHandler;

/** Credentials whose access key id is the account id: the engine takes the caller to be that account. */
export function credentialsFor(accountId: string): { accessKeyId: string; secretAccessKey: string };

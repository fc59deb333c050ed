// Types of handshake-playground: createPlayground(container, options) and what it returns.

/** A session as "Export JSON" writes it and getSession() answers it; also accepted as the `session` option. */
export interface PlaygroundSession {
  format?: 'handshake-playground-session';
  version?: 1;
  scenario: string;
  seed: number;
  /** The simulated clock, seconds since the epoch. */
  now: number;
  /** "fnv1a64:" + 16 hex digits of Simulator.ExportWorld, or null. */
  worldDigest: string | null;
  calls: Array<{
    /** An account id; null for a Simulator control the page sent itself. */
    caller: string | null;
    /** The whole X-Amz-Target, e.g. "AWSOrganizationsV20161128.AcceptHandshake" or "Simulator.AdvanceTime". */
    target: string;
    /** The raw request body. */
    body: string;
    /** The HTTP status the call got when it was recorded (null: not compared). */
    status: number | null;
  }>;
}

export type PanelName = 'lessons' | 'world' | 'request' | 'response' | 'handshakes' | 'diagram' | 'log' | 'sequence' | 'clock';

export interface PlaygroundOptions {
  /** Where the site files are served from: a directory URL (…/site/) or its index.html, relative to the page.
   *  Default: the site/ directory beside this module. */
  site?: string | URL;
  /** The world to start with: 'docs' (default), 'consolidated', 'transfer', 'empty'. */
  scenario?: string;
  /** A guided lesson to start (its own scenario), e.g. 'invite-accept'. */
  lesson?: string;
  /** One request panel, or the two-party layout: two consoles side by side. */
  layout?: 'single' | 'two-parties';
  /** The initial "Act as" account: a 12-digit account id of the world. */
  actAs?: string;
  /** A share link (https://…/#s=…) or a session object: the embed opens on that session. */
  session?: string | PlaygroundSession;
  /** The reader cannot change the world (no request panel, no clock buttons); the page can, through the API. */
  readOnly?: boolean;
  /** Height of the iframe: pixels (default 800), or a CSS length such as "40rem" or "80vh". */
  height?: number | string;
  /** 'auto' (default) follows the reader's preference. */
  theme?: 'light' | 'dark' | 'auto';
  /** The seed of Simulator.Reset: the ids the engine generates follow it (default 0). */
  seed?: number;
  /** One column, smaller type. */
  compact?: boolean;
  /** Show only these panels. */
  panels?: PanelName[];
  /** The initial operation of the request form, e.g. 'AcceptHandshake'. */
  operation?: string;
  /** Open right after call #N of the session (0: the scenario's start); later calls are kept to redo. */
  rewind?: number;
  /** The iframe's title (its accessible name). Default "Handshake Playground". */
  title?: string;
  /** 'lazy': the browser loads the playground when it nears the viewport (ready and commands wait). Default 'eager'. */
  loading?: 'eager' | 'lazy';
}

/** A Simulator.DescribeWorld answer. */
export type World = Record<string, any>;

export interface ReadyEvent {
  protocol: number;
  readonly: boolean;
  lesson: string | null;
  scenario: string;
  seed: number;
  caller: string;
  now: number;
  world: World;
  worldDigest: string | null;
}

/** A request sent in the playground (by the reader, by this page, by a lesson) and its response. */
export interface ResponseEvent {
  by: 'user' | 'host' | 'lesson' | 'link' | 'start';
  seq: number;
  caller: string | null;
  target: string;
  /** The target without "AWSOrganizationsV20161128.". */
  operation: string;
  /** The raw request body. */
  body: string;
  status: number;
  /** The raw response body (JSON.parse it). */
  response: string;
  now: number;
}

/** The world changed, or "Act as" did. */
export interface ChangeEvent {
  reason: 'call' | 'clock' | 'account' | 'scenario' | 'replay' | 'setup' | 'actAs' | string;
  by: 'user' | 'host' | 'lesson' | 'link' | 'start';
  /** What changed, in sentences. */
  changes: string[];
  scenario: string;
  seed: number;
  caller: string;
  now: number;
  world: World;
  worldDigest: string | null;
}

export interface LessonEvent {
  event: 'started' | 'step' | 'complete' | 'left';
  lesson: string | null;
  step: number;
  done: number;
  total: number;
  complete: boolean;
}

export interface PlaygroundEvents {
  ready: ReadyEvent;
  change: ChangeEvent;
  response: ResponseEvent;
  lesson: LessonEvent;
}

export interface SendRequest {
  /** An operation name, e.g. "InviteAccountToOrganization". */
  operation?: string;
  /** Or any X-Amz-Target, Simulator.* included. */
  target?: string;
  /** Default: the current "Act as"; null for a Simulator control. */
  caller?: string | null;
  /** An object or a raw string (default {}). */
  body?: unknown;
}

export interface SendResult {
  /** The HTTP status: an AWS error (400) resolves; only a request the playground refuses rejects. */
  status: number;
  /** The raw response body. */
  response: string;
  /** The response body parsed (null when it is not JSON). */
  data: any;
  /** The call's number in the event log (what rewind() takes). */
  seq: number;
}

export interface DescribeResult {
  scenario: string;
  seed: number;
  caller: string;
  now: number;
  world: World;
  worldDigest: string | null;
}

export interface Playground {
  readonly iframe: HTMLIFrameElement;
  readonly embedId: string;
  /** Resolves when the playground is ready (commands sent before wait for it). */
  readonly ready: Promise<ReadyEvent>;
  send(operation: string, body?: unknown, options?: { caller?: string | null }): Promise<SendResult>;
  send(request: SendRequest): Promise<SendResult>;
  /** Build the scenario again (default: the current scenario and seed). */
  reset(options?: { scenario?: string; seed?: number }): Promise<{ scenario: string; seed: number }>;
  /** Time travel: the world right after call #to (0: the scenario's start). */
  rewind(to: number): Promise<{ to: number }>;
  actAs(caller: string): Promise<{ caller: string }>;
  describe(): Promise<DescribeResult>;
  getSession(): Promise<PlaygroundSession>;
  getShareLink(): Promise<string>;
  /** Subscribe; returns a function that unsubscribes. */
  on<K extends keyof PlaygroundEvents>(event: K, listener: (detail: PlaygroundEvents[K]) => void): () => void;
  /** Remove the iframe; pending commands reject. */
  destroy(): void;
}

/** A command the playground refused, or one made after destroy(). */
export class PlaygroundError extends Error {
  constructor(message: string, command: string);
  readonly command: string;
}

export function createPlayground(container: Element | ShadowRoot, options?: PlaygroundOptions): Playground;

// Types of handshake-playground/element: the <handshake-playground> custom element.
import type {
  DescribeResult, Playground, PlaygroundEvents, PlaygroundSession, ReadyEvent, SendRequest, SendResult,
} from './index.mjs';

export class HandshakePlaygroundElement extends HTMLElement {
  static readonly observedAttributes: string[];
  /** The mounted playground (null before the element is in the document, or after a bad attribute). */
  playground: Playground | null;
  readonly ready: Promise<ReadyEvent>;
  send(operation: string, body?: unknown, options?: { caller?: string | null }): Promise<SendResult>;
  send(request: SendRequest): Promise<SendResult>;
  reset(options?: { scenario?: string; seed?: number }): Promise<{ scenario: string; seed: number }>;
  rewind(to: number): Promise<{ to: number }>;
  actAs(caller: string): Promise<{ caller: string }>;
  describe(): Promise<DescribeResult>;
  getSession(): Promise<PlaygroundSession>;
  getShareLink(): Promise<string>;
  /** Listeners stay across a new mount (a changed attribute). Returns a function that unsubscribes. */
  on<K extends keyof PlaygroundEvents>(event: K, listener: (detail: PlaygroundEvents[K]) => void): () => void;
  destroy(): void;
}

declare global {
  interface HTMLElementTagNameMap {
    'handshake-playground': HandshakePlaygroundElement;
  }
}

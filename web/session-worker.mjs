// @ts-check
// Encodes the session link off the page's main thread (persist.mjs saves it after every call): the world's
// digest (FNV-1a over its export, O(world)) and the link (JSON, deflate, base64url: O(session)) cost hundreds
// of milliseconds once a large world was imported. Protocol: {id, session, world} where `session` lacks its
// worldDigest and `world` is Simulator.ExportWorld's body (null when the engine could not export it); the
// answer is {id, fragment} (encodeLink's) or {id, error}.
import { digest, encodeLink } from './session.mjs';

const scope = /** @type {{postMessage(message: unknown): void, addEventListener(type: 'message', fn: (event: MessageEvent) => void): void}} */ (/** @type {unknown} */ (self));

scope.addEventListener('message', async (event) => {
  const { id, session, world } = event.data || {};
  try {
    const fragment = await encodeLink({ ...session, worldDigest: typeof world === 'string' ? digest(world) : null });
    scope.postMessage({ id, fragment });
  } catch (err) {
    scope.postMessage({ id, error: String(err && typeof err === 'object' && 'message' in err ? err.message : err) });
  }
});

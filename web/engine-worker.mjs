// Runs the handshake engine (WebAssembly) off the main thread.
// Protocol: the page posts {id, caller, target, body}; the worker answers {id, status, body}.
// Once the engine is ready it posts {type: 'ready'}; if it cannot start, {type: 'fatal', message}.
import createHandshakeEngine from './handshake-engine.mjs';

let engine = null;
const queue = [];

function answer({ id, caller, target, body }) {
  try {
    const result = engine.handle(String(caller ?? ''), String(target ?? ''), String(body ?? ''));
    const reply = { id, status: Number(result.status), body: String(result.body) };
    if (result && typeof result.delete === 'function') result.delete();
    postMessage(reply);
  } catch (err) {
    postMessage({ id, status: 0, body: '', error: String(err && err.message ? err.message : err) });
  }
}

self.addEventListener('message', (event) => {
  if (engine) answer(event.data);
  else queue.push(event.data);
});

createHandshakeEngine().then(
  (instance) => {
    engine = instance;
    postMessage({ type: 'ready' });
    while (queue.length) answer(queue.shift());
  },
  (err) => postMessage({ type: 'fatal', message: String(err && err.message ? err.message : err) }),
);

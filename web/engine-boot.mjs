// @ts-check
// Starts the engine worker as early as possible: index.html loads this module on its own, before the
// rest of the page's modules have arrived, and app.mjs imports the same instance.
import { EngineClient } from './engine-client.mjs';

export const engine = new EngineClient();

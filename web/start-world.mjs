// @ts-check
// Worlds built ahead of time (and the lifecycle table, below): for a scenario and a seed, what each of its steps answered and the world they
// left (the engine's own Simulator.ExportWorld snapshot and Simulator.DescribeWorld). The page loads such a
// world with one call (Simulator.ImportWorld) instead of sending the steps one by one, and logs the steps as
// if it had sent them (actions.mjs loadScenarioNow): the same answers, the same world.
//
// Here (web/ as it is) there are none. tools/build-site.mjs replaces this module in the production site with
// the default scenario built by the very engine the site ships (prebuiltWorldsModule there): a world never
// comes from another engine build.

/**
 * @typedef {{target: string, body: string, status: number, response: string}} PrebuiltStep
 * @typedef {{scenario: string, seed: number, steps: PrebuiltStep[], snapshot: string, world: string}} PrebuiltWorld
 *   snapshot: Simulator.ExportWorld's body (what Simulator.ImportWorld takes); world: Simulator.DescribeWorld's
 */

/** @type {PrebuiltWorld[]} */
export const PREBUILT_WORLDS = [];

/**
 * Simulator.DescribeLifecycle's body, built the same way (the lifecycle table is the engine's, the same in every
 * world): the diagram draws it without a call at the start, whose first call costs the engine's cold start
 * (about 40 ms on the page's thread). Here (web/ as it is) none: the page asks the engine.
 * @type {string | null}
 */
export const PREBUILT_LIFECYCLES = null;

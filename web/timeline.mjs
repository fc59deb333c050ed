// @ts-check
// Time travel's engine snapshots. Rewinding to the moment after call k of the session (k calls after the
// scenario was built) must give exactly the world the engine had then. The engine is deterministic, so
// replaying the session's first k calls from its scenario and seed would do, but that grows with k. So every
// SNAPSHOT_EVERY calls the world is exported (Simulator.ExportWorld, which holds everything: the clock, the
// id generator's state, the settings), and a rewind imports the nearest snapshot at or before k
// (Simulator.ImportWorld) and replays only the calls after it: at most SNAPSHOT_EVERY - 1 of them.
//
// A snapshot stands for the world after the first k calls of the session as it is now; when a call is made
// at position k (a new branch), the snapshots after it are dropped.

/** Calls between two snapshots: a rewind replays at most this many minus one. */
export const SNAPSHOT_EVERY = 16;

export class Timeline {
  constructor() {
    /** @type {Map<number, string>} the exported World (JSON text) after k session calls */
    this.snapshots = new Map();
  }

  /** The scenario was built again (or another one): no snapshot stands any more. */
  clear() {
    this.snapshots.clear();
  }

  /** Call k of the session was just made: the snapshots of k and after belong to another branch. @param {number} k */
  called(k) {
    for (const key of this.snapshots.keys()) if (key >= k) this.snapshots.delete(key);
  }

  /** The session now has k calls: the snapshots after k belong to calls that are gone. @param {number} k */
  truncate(k) {
    this.called(k + 1);
  }

  /** Whether a snapshot should be taken after call k. @param {number} k */
  wants(k) {
    return k % SNAPSHOT_EVERY === 0 && !this.snapshots.has(k);
  }

  /** @param {number} k @param {string} world  the World member of Simulator.ExportWorld, as JSON text */
  keep(k, world) {
    this.snapshots.set(k, world);
  }

  /**
   * The snapshot nearest at or before call k: {at, world}, or null when there is none.
   * @param {number} k
   * @returns {{at: number, world: string} | null}
   */
  nearest(k) {
    let best = -1;
    for (const key of this.snapshots.keys()) if (key <= k && key > best) best = key;
    const world = this.snapshots.get(best);
    return world === undefined ? null : { at: best, world };
  }
}

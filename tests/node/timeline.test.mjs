// Time travel's pieces that need no engine: the snapshot index (web/timeline.mjs), canUndo / canRedo
// (store.mjs timelineFlags) and the redo branch read back from localStorage (persist.mjs checkRedo).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SNAPSHOT_EVERY, Timeline } from '../../web/timeline.mjs';
import { initialState, timelineFlags } from '../../web/store.mjs';
import { checkRedo, checkView } from '../../web/persist.mjs';

test('a rewind starts from the nearest snapshot at or before the call, and a new call drops those after it', () => {
  const t = new Timeline();
  for (let k = 0; k <= 5 * SNAPSHOT_EVERY; k++) if (t.wants(k)) t.keep(k, `world ${k}`);
  assert.deepEqual(t.nearest(0), { at: 0, world: 'world 0' });
  assert.deepEqual(t.nearest(SNAPSHOT_EVERY - 1), { at: 0, world: 'world 0' });
  assert.deepEqual(t.nearest(3 * SNAPSHOT_EVERY + 2), { at: 3 * SNAPSHOT_EVERY, world: `world ${3 * SNAPSHOT_EVERY}` });
  // A call made at position 2N + 1 (after a rewind): the snapshots from there on are of another branch.
  t.called(2 * SNAPSHOT_EVERY + 1);
  assert.deepEqual(t.nearest(5 * SNAPSHOT_EVERY), { at: 2 * SNAPSHOT_EVERY, world: `world ${2 * SNAPSHOT_EVERY}` });
  t.truncate(SNAPSHOT_EVERY - 1);
  assert.equal(t.nearest(5 * SNAPSHOT_EVERY)?.at, 0);
  t.clear();
  assert.equal(t.nearest(5), null);
});

test('canUndo follows the calls after the scenario, canRedo the redo branch', () => {
  const state = { ...initialState(), sessionStart: 2, log: /** @type {any} */ ([{}, {}]) };
  assert.equal(timelineFlags(state), null);
  const withCall = { ...state, log: /** @type {any} */ ([{}, {}, {}]) };
  assert.deepEqual(timelineFlags(withCall), { canUndo: true, canRedo: false });
  const call = { caller: null, target: 'Simulator.AdvanceTime', body: '{"Seconds":1}', status: 200 };
  assert.deepEqual(timelineFlags({ ...state, redo: [call] }), { canUndo: false, canRedo: true });
});

test('a stored redo branch is checked call by call; a bad one is dropped, the view kept', () => {
  const call = { caller: '111111111111', target: 'AWSOrganizationsV20161128.ListAccounts', body: '{}', status: 200 };
  assert.deepEqual(checkRedo([{ ...call, extra: '<img src=x>' }]), [call]);
  for (const bad of [[], 'x', [{ ...call, caller: 5 }], [{ ...call, target: '' }], [{ ...call, body: {} }], [{ ...call, status: 1000 }], [null]]) {
    assert.equal(checkRedo(bad), null, JSON.stringify(bad));
  }
  const view = { caller: '111111111111', callerOther: '', selected: null, operation: 'ListAccounts', mode: 'form', formBody: '{}', rawTarget: '', rawBody: '', shownIndex: -1, view: 'wire', snippet: 'boto3' };
  assert.deepEqual(checkView({ ...view, redo: [call] }), { ...view, redo: [call] });
  assert.deepEqual(checkView({ ...view, redo: [{ ...call, caller: {} }] }), view);
});

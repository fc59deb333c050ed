// The page's store (web/store.mjs): a listener runs only when the slice it selects changed, quiet
// updates wait for the next notification, listeners may update, and a runaway loop is stopped.
import test from 'node:test';
import assert from 'node:assert/strict';
import { createStore, initialState, shallowEqual } from '../../web/store.mjs';

test('a listener runs only when its slice changed', () => {
  const store = createStore({ a: 1, b: { x: 1 }, list: [1, 2] });
  const seen = [];
  store.subscribe((s) => s.a, (_s, a) => seen.push(['a', a]));
  store.subscribe((s) => s.list, (_s, list) => seen.push(['list', list.length]));
  store.update({ b: { x: 2 } });          // neither slice changed
  store.update({ a: 1 });                 // same value
  store.update({ list: [1, 2] });         // a new array with the same items: unchanged
  assert.deepEqual(seen, []);
  store.update({ a: 2 });
  store.update((s) => ({ list: [...s.list, 3] }));
  assert.deepEqual(seen, [['a', 2], ['list', 3]]);
});

test('quiet updates tell nobody until the next update that is not quiet', () => {
  const store = createStore({ n: 0 });
  const seen = [];
  store.subscribe((s) => s.n, (_s, n) => seen.push(n));
  store.update({ n: 1 }, { quiet: true });
  store.update({ n: 2 }, { quiet: true });
  assert.deepEqual(seen, []);
  assert.equal(store.getState().n, 2);
  store.update(null);
  assert.deepEqual(seen, [2]);
});

test('a listener may update the state; the listeners that concern run after the round', () => {
  const store = createStore({ caller: '', moves: 'none' });
  const order = [];
  store.subscribe((s) => s.caller, (_s, caller) => {
    order.push(`caller ${caller}`);
    store.update({ moves: `moves of ${caller}` });
  });
  store.subscribe((s) => s.moves, (_s, moves) => order.push(moves));
  store.update({ caller: 'Bill' });
  assert.deepEqual(order, ['caller Bill', 'moves of Bill']);
});

test('listeners that keep changing the state are stopped with an error', () => {
  const errors = [];
  const store = createStore({ n: 0 }, { onError: (e) => errors.push(e) });
  store.subscribe((s) => s.n, () => store.update((s) => ({ n: s.n + 1 })));
  assert.throws(() => store.update({ n: 1 }), /keep changing the state/);
  assert.equal(errors.length, 0, 'the loop is reported to the caller of update, not swallowed as a listener error');
});

test('unsubscribing stops a listener; derive fixes every new state', () => {
  const store = createStore({ a: 1, twice: 2 }, { derive: (s) => (s.twice === s.a * 2 ? null : { twice: s.a * 2 }) });
  const seen = [];
  const stop = store.subscribe((s) => s.twice, (_s, t) => seen.push(t));
  store.update({ a: 5 });
  stop();
  store.update({ a: 6 });
  assert.deepEqual(seen, [10]);
  assert.equal(store.getState().twice, 12);
});

test('shallowEqual compares arrays and plain objects one level deep, anything else by identity', () => {
  assert.equal(shallowEqual([1, 'a'], [1, 'a']), true);
  assert.equal(shallowEqual({ a: 1 }, { a: 1 }), true);
  assert.equal(shallowEqual({ a: {} }, { a: {} }), false);
  assert.equal(shallowEqual(new Set([1]), new Set([1])), false);
  assert.equal(shallowEqual(NaN, NaN), true);
  assert.equal(initialState().caller, '');
});

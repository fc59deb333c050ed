// What the page reads back from localStorage (web/persist.mjs) is hostile: readStored and checkView keep only
// a record of the exact shape, with strings of bounded length; anything else is as if nothing were stored.
import test from 'node:test';
import assert from 'node:assert/strict';
import { STORAGE_KEY, checkView, readStored } from '../../web/persist.mjs';

const VIEW = {
  caller: '222222222222', callerOther: '', selected: 'h-0123456789abcdef', operation: 'AcceptHandshake', mode: 'form',
  formBody: '{"HandshakeId":"h-0123456789abcdef"}', rawTarget: '', rawBody: '', shownIndex: 7, view: 'python', snippet: 'boto3',
};

/** A Storage stand-in holding one value (or throwing, like a browser with storage turned off). */
function storage(value, { throws = false } = {}) {
  return /** @type {Storage} */ (/** @type {unknown} */ ({
    getItem(key) {
      if (throws) throw new Error('SecurityError');
      return key === STORAGE_KEY ? value : null;
    },
  }));
}

test('a view of the right shape is returned as a clean copy', () => {
  const view = checkView({ ...VIEW, extra: '<img src=x>' });
  assert.deepEqual(view, VIEW);
  assert.equal(Object.hasOwn(view, 'extra'), false);
  assert.deepEqual(checkView({ ...VIEW, selected: null, shownIndex: -1, mode: 'raw', rawBody: '{"half": ' }), { ...VIEW, selected: null, shownIndex: -1, mode: 'raw', rawBody: '{"half": ' });
});

test('a view with any member of the wrong type, size or value is refused', () => {
  const bad = [
    null, [], 'view', 42,
    { ...VIEW, caller: 5 }, { ...VIEW, caller: 'x'.repeat(65) }, { ...VIEW, callerOther: undefined },
    { ...VIEW, selected: 7 }, { ...VIEW, operation: {} }, { ...VIEW, mode: 'evil' }, { ...VIEW, view: 'html' },
    { ...VIEW, shownIndex: 1.5 }, { ...VIEW, shownIndex: -2 }, { ...VIEW, shownIndex: 1e12 }, { ...VIEW, shownIndex: '3' },
    { ...VIEW, formBody: 'x'.repeat(100001) }, { ...VIEW, rawTarget: 'x'.repeat(201) }, { ...VIEW, snippet: null },
  ];
  for (const value of bad) assert.equal(checkView(value), null, JSON.stringify(value)?.slice(0, 80));
});

test('readStored: nothing, garbage, a wrong version or a non-session fragment read as nothing', () => {
  const record = (r) => JSON.stringify({ version: 1, fragment: 's=1.j.W10', view: VIEW, ...r });
  assert.deepEqual(readStored(storage(record({}))), { fragment: 's=1.j.W10', view: VIEW, plain: false });
  assert.deepEqual(readStored(storage(record({ plain: true }))), { fragment: 's=1.j.W10', view: VIEW, plain: true });
  assert.deepEqual(readStored(storage(record({ plain: 'yes' }))), { fragment: 's=1.j.W10', view: VIEW, plain: false });
  // A bad view does not lose the session: the world is restored, the view is not.
  assert.deepEqual(readStored(storage(record({ view: { caller: '<b>' } }))), { fragment: 's=1.j.W10', view: null, plain: false });
  for (const value of [
    null, '', 'not json', '<script>x</script>', '[]', '{}', 'null', record({ version: 2 }), record({ version: '1' }),
    record({ fragment: 'composer' }), record({ fragment: 42 }), record({ fragment: `s=${'A'.repeat(200010)}` }),
    JSON.stringify({ version: 1, fragment: 's=1.j.W10', view: VIEW, pad: 'x'.repeat(500000) }),
  ]) {
    assert.equal(readStored(storage(value)), null, String(value).slice(0, 60));
  }
  assert.equal(readStored(storage(record({}), { throws: true })), null);
  assert.equal(readStored(null), null);
});

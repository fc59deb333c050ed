// Never lose work (web/persist.mjs): the session lives in the address bar and in localStorage as you go, a
// reload restores it exactly, Reset / a new scenario / a link opened over work can be undone in one click,
// Back brings the earlier session back, and a broken link or a tampered localStorage never replaces the world.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { AxeBuilder } from '@axe-core/playwright';
import {
  actAs, advanceClock, assertNoProblems, chooseOperation, handshakeRows, ready, send, settle, setup, shot,
} from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Everything the promise "restores exactly" covers, as the page shows it. */
async function visible(page) {
  return page.evaluate(() => {
    const text = (sel) => document.querySelector(sel)?.textContent ?? null;
    const value = (sel) => /** @type {HTMLInputElement | null} */ (document.querySelector(sel))?.value ?? null;
    const labelled = (label) => {
      const l = [...document.querySelectorAll('#form-fields label')].find((x) => x.textContent.replace('*', '').trim() === label);
      return l ? /** @type {HTMLInputElement} */ (document.getElementById(l.htmlFor)).value : null;
    };
    return {
      clock: text('#clock-now'),
      scenario: value('#scenario'),
      seed: value('#seed'),
      handshakes: [...document.querySelectorAll('#handshakes-table tbody tr')].map((tr) => `${tr.dataset.handshakeId} ${tr.dataset.state}`),
      selected: document.querySelector('#handshakes-table tr.selected')?.dataset.handshakeId ?? null,
      log: [...document.querySelectorAll('#log-table tbody tr')].map((tr) => [...tr.cells].slice(2).map((td) => td.innerText).join(' | ')),
      caller: value('#act-as'),
      operation: value('#operation'),
      notes: labelled('Notes'),
      tags: labelled('Tags'),
      mode: document.querySelector('#tab-raw')?.getAttribute('aria-selected') === 'true' ? 'raw' : 'form',
      rawBody: value('#raw-body'),
      // The entry shown; its number (#N) counts the page's requests and goes on counting after an undo.
      responseMeta: text('#response-meta')?.replace(/^#\d+ /, '#N '),
      python: document.querySelector('#view-python')?.getAttribute('aria-pressed'),
    };
  });
}

const hash = (page) => page.evaluate(() => window.location.hash);
const stored = (page) => page.evaluate(() => window.localStorage.getItem('handshake-playground:session'));

/** A page with work: Bill invites Juan, a day passes, Susan is acting, a note and a tag half written. */
async function pageWithWork(options) {
  const opened = await env.open(options);
  const { page } = opened;
  const history = await page.evaluate(() => window.history.length);
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  const res = await send(page, 'InviteAccountToOrganization');
  const id = JSON.parse(res.body).Handshake.Id;
  await advanceClock(page, 1);
  await actAs(page, 'Susan');
  await page.getByLabel('Notes').fill('Welcome, Juan: this note is not sent yet.');
  await page.getByLabel('Tags').fill('Team=Finance\nStage=draft');
  await page.getByRole('button', { name: 'boto3 (Python)' }).click();
  await settle(page);
  return { ...opened, id, history };
}

test('reload restores the same world, clock, caller, selection and draft', async () => {
  const { page, problems, id, history } = await pageWithWork();
  const before = await visible(page);
  assert.equal(before.selected, id);
  assert.equal(before.caller, '222222222222');
  assert.equal(before.notes, 'Welcome, Juan: this note is not sent yet.');
  assert.equal(before.tags, 'Team=Finance\nStage=draft');
  assert.equal(before.python, 'true');
  assert.equal(before.clock, '2026-09-14 03:44:06.110 UTC');
  assert.deepEqual(before.handshakes, [`${id} OPEN`]);
  // The session is in the address bar (a share link of it) and in localStorage, with the view.
  const fragment = await hash(page);
  assert.match(fragment, /^#s=1\.[zj]\.[A-Za-z0-9_-]+$/);
  const record = JSON.parse(await stored(page));
  assert.equal(`#${record.fragment}`, fragment);
  assert.equal(record.view.caller, '222222222222');
  assert.equal(await page.evaluate(() => window.history.length), history, 'saving added history entries');

  await page.reload();
  await ready(page);
  assert.deepEqual(await visible(page), before);
  assert.equal(await hash(page), fragment);
  assert.ok(await page.locator('#notice').isHidden());

  // The raw editor too: what is typed there comes back, in the raw tab.
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await page.getByLabel(/^Body/).fill('{"HandshakeId": "h-not-sent-yet", "Half": ');
  await settle(page);
  const raw = await visible(page);
  assert.equal(raw.mode, 'raw');
  await page.reload();
  await ready(page);
  assert.deepEqual(await visible(page), raw);
  assert.equal(await page.getByRole('button', { name: 'InviteAccountToOrganization', exact: true }).count(), 1);

  // A new visit without the fragment (a bookmark of the bare page) finds the same session in localStorage.
  await page.goto(env.server.url);
  await ready(page);
  assert.deepEqual(await visible(page), raw);
  assert.equal(await hash(page), fragment, 'the address bar did not get the session back');
  assertNoProblems(problems);
});

test('Reset can be undone in one click', async () => {
  const { page, problems, id } = await pageWithWork();
  const before = await visible(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  const notice = page.getByRole('alert').filter({ hasText: 'Scenario reset.' });
  assert.ok(await notice.isVisible());
  assert.equal(await page.locator('#notice-text').innerText(), 'Scenario reset. "AWS docs example" was built again from scratch. Your 2 calls can be brought back.');
  assert.deepEqual(await handshakeRows(page), []);
  assert.equal(await page.locator('#log-table tbody tr').count(), 6);
  assert.equal(await page.locator('#clock-now').innerText(), '2026-09-13 03:44:06.110 UTC');
  assert.equal(await hash(page), '', 'the address still holds the work that was reset');
  await shot(page, 'persist-undo-reset', { fullPage: false });

  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await settle(page);
  assert.deepEqual(await visible(page), before);
  assert.equal(await page.locator('#notice-text').innerText(), 'Undone. Your 2 calls are back, with the clock, the caller and the request you were writing.');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'notice-dismiss');
  assert.equal((await handshakeRows(page))[0].id, id);

  // With no work, Reset just resets: nothing to undo.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  assert.ok(await page.locator('#notice').isHidden(), 'a reset of an untouched scenario offers an undo');
  assertNoProblems(problems);
});

test('changing the scenario over work can be undone in one click', async () => {
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  await page.getByLabel('Scenario').selectOption('transfer');
  await settle(page);
  assert.equal(await page.locator('#notice-text').innerText(), 'Scenario changed. "Two organizations (responsibility transfer)" was started. Your 2 calls can be brought back.');
  assert.equal(await page.getByLabel('Scenario').inputValue(), 'transfer');
  assert.notDeepEqual((await visible(page)).log, before.log);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await settle(page);
  assert.deepEqual(await visible(page), before);
  assert.equal(await page.getByLabel('Scenario').inputValue(), 'docs');
  // And the restored work is saved again: a reload still shows it.
  await page.reload();
  await ready(page);
  assert.deepEqual(await visible(page), before);
  assertNoProblems(problems);
});

test('starting a lesson over work can be undone in one click, which leaves the lesson', async () => {
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  await page.getByRole('button', { name: /^Try lesson 1/ }).click();
  await settle(page);
  assert.equal(await page.locator('#notice-text').innerText(),
    'Lesson started. "1. Invite an account, and accept" replaced the session you were working on. Your 2 calls can be brought back.');
  assert.notDeepEqual((await visible(page)).log, before.log);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await settle(page);
  assert.deepEqual(await visible(page), before);
  assert.equal(await page.locator('#lesson-dock').isVisible(), false, 'the lesson was left');
  assertNoProblems(problems);
});

test('a broken link keeps the world, pasted into the page or as the address', async () => {
  const { page, problems } = await pageWithWork();
  const before = await visible(page);
  const broken = (await hash(page)).slice(0, 40);  // cut short, as a bad copy does
  await page.evaluate((f) => { window.location.hash = f; }, broken);
  await page.locator('#notice').waitFor({ state: 'visible' });
  await settle(page);
  assert.match(await page.locator('#notice-text').innerText(), /^This link could not be opened\. The link is damaged: .* Nothing was replayed: your world was not changed\.$/);
  assert.deepEqual(await visible(page), before);
  await shot(page, 'persist-broken-link', { fullPage: false });

  // As the address of a new page: the session localStorage holds is restored instead, and the notice says so.
  await page.goto(`${env.server.url}?again=1${broken}`);
  await ready(page);
  assert.match(await page.locator('#notice-text').innerText(), /^This link could not be opened\. The link is damaged: .* Your last session was restored instead\.$/);
  assert.deepEqual(await visible(page), before);
  assertNoProblems(problems);
});

test('a link opened over work can be undone, and Back brings the earlier session back', async () => {
  const { page, problems } = await pageWithWork();
  const first = await visible(page);
  const firstLink = await hash(page);
  // Other work: a reset, and a 30-day wait.
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  await advanceClock(page, 30);
  const second = await visible(page);
  const secondLink = await hash(page);
  assert.notEqual(secondLink, firstLink);

  // The first session's link pasted into the address bar (a new history entry).
  await page.evaluate((f) => { window.location.hash = f; }, firstLink);
  await page.getByRole('alert').filter({ hasText: 'The shared session was opened.' }).waitFor();
  await settle(page);
  assert.deepEqual((await visible(page)).handshakes, first.handshakes);
  assert.equal((await visible(page)).clock, first.clock);
  await page.getByRole('button', { name: 'Undo', exact: true }).click();
  await settle(page);
  assert.deepEqual(await visible(page), second);

  // Once more, then Back: the entry before it holds the second session, which comes back (with an Undo).
  await page.evaluate((f) => { window.location.hash = f; }, firstLink);
  await page.getByRole('alert').filter({ hasText: 'The shared session was opened.' }).waitFor();
  await settle(page);
  assert.equal((await visible(page)).clock, first.clock);
  await page.goBack();
  await page.waitForFunction((c) => document.querySelector('#clock-now').textContent === c, second.clock);
  await settle(page);
  assert.deepEqual((await visible(page)).handshakes, second.handshakes);
  assert.equal(await hash(page), secondLink);
  assert.ok(await page.getByRole('button', { name: 'Undo', exact: true }).isVisible());

  // An in-page anchor adds an entry (#composer); Back to this session's own address opens nothing again.
  await page.getByRole('button', { name: 'Dismiss' }).click();
  await page.evaluate(() => { window.location.hash = 'composer'; });
  await page.goBack();
  await settle(page);
  assert.equal(await hash(page), secondLink);
  assert.ok(await page.locator('#notice').isHidden(), await page.locator('#notice-text').innerText());
  assert.deepEqual((await visible(page)).handshakes, second.handshakes);
  assertNoProblems(problems);
});

test('a tampered localStorage is checked like a link and never reaches the page as markup', async () => {
  const { page, context, problems } = await env.open();
  const good = (await pageWithWork()).page;
  const goodLink = (await hash(good)).slice(1);
  const markup = '<img src=x onerror="window.__xss=1">';
  const cases = [
    ['not JSON', '<script>window.__xss=1</script>', null],
    ['a damaged fragment', JSON.stringify({ version: 1, fragment: 's=1.z.AAAA', view: null }), /^Your last session could not be restored\. The link is damaged/],
    ['markup in the view', JSON.stringify({
      version: 1, fragment: goodLink,
      view: { caller: markup, callerOther: markup, selected: markup, operation: markup, mode: 'raw', formBody: markup, rawTarget: markup, rawBody: markup, shownIndex: 3, view: 'python', snippet: markup },
    }), null],
    ['a view of the wrong shape', JSON.stringify({ version: 1, fragment: goodLink, view: { caller: 5, mode: 'evil' } }), null],
  ];
  for (const [name, value, notice] of cases) {
    await page.evaluate((v) => window.localStorage.setItem('handshake-playground:session', v), value);
    await page.goto(env.server.url);
    await ready(page);
    if (notice) assert.match(await page.locator('#notice-text').innerText(), notice, name);
    else assert.ok(await page.locator('#notice').isHidden(), `${name}: ${await page.locator('#notice-text').innerText()}`);
    assert.equal(await page.evaluate(() => window.__xss), undefined, name);
    assert.equal(await page.locator('img').count(), 0, name);
    assert.match(await page.locator('#clock-now').innerText(), /^2026-09-1[34] /, name);
    // The page still works.
    await page.getByRole('tab', { name: 'Form' }).click();
    await chooseOperation(page, 'ListAccounts');
    const res = await send(page, 'ListAccounts');
    assert.match(res.status, /HTTP 200/, name);
  }
  await context.close();
  assertNoProblems(problems);
});

test('embed mode writes neither the address nor localStorage', async () => {
  const { page, problems } = await env.open({ wait: false });
  await page.goto(`${env.server.url}?embed=1`);
  await ready(page);
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('juan@example.com');
  await send(page, 'InviteAccountToOrganization');
  assert.equal(await hash(page), '');
  assert.equal(await stored(page), null);
  assertNoProblems(problems);
});

for (const [label, options] of [
  ['dark', { colorScheme: 'dark', viewport: { width: 1400, height: 900 } }],
  ['360', { viewport: { width: 360, height: 800 } }],
  ['light', { viewport: { width: 1400, height: 900 } }],
]) {
  test(`the Undo notice, ${label}`, async () => {
    const { page, problems } = await pageWithWork(options);
    await page.getByRole('button', { name: 'Reset', exact: true }).click();
    await settle(page);
    assert.ok(await page.getByRole('button', { name: 'Undo', exact: true }).isVisible());
    await shot(page, `persist-undo-${label}`, { fullPage: false });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).include('#notice').analyze();
    assert.deepEqual(axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
    assertNoProblems(problems);
  });
}

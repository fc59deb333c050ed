// Small screens: at 360x800 and 768x1024, with a world holding several handshakes, nothing scrolls
// sideways (not the page, not a panel, not a table) except the state diagram's own region, which says so;
// the handshake table keeps its key columns (Id, Action, State, Expires in) in view.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { ARTIFACTS, afterLayout, assertNoProblems, chooseOperation, handshakeRows, send, settle, setup, shot } from './harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Consolidated billing: an invitation to Anika, then the all-features migration (which cancels it and asks
 * every member to approve): handshakes of three actions, in three states. */
async function buildWorld(page) {
  await page.getByLabel('Scenario', { exact: true }).selectOption('consolidated');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  await chooseOperation(page, 'InviteAccountToOrganization');
  await page.getByRole('group', { name: /Target/ }).getByLabel('Id').fill('anika@example.com');
  await send(page, 'InviteAccountToOrganization');
  await chooseOperation(page, 'EnableAllFeatures');
  await send(page, 'EnableAllFeatures');
  const rows = await handshakeRows(page);
  assert.ok(rows.length >= 3, `several handshakes: ${JSON.stringify(rows)}`);
  await page.locator('#handshakes-table tbody tr button').first().click();
  await settle(page);
  return rows;
}

/** Everything that is wider than its box: the page, and any element that scrolls or clips sideways. */
function overflowing() {
  const found = [];
  for (const el of document.querySelectorAll('body *')) {
    const style = getComputedStyle(el);
    if (style.display === 'none' || !el.getClientRects().length) continue;
    if (!['auto', 'scroll', 'hidden'].includes(style.overflowX)) continue;
    // Visually hidden text (.sr-only: 1 px, clipped) is meant to be clipped.
    if (style.position === 'absolute' && /rect\(0(px)?,? 0(px)?,? 0(px)?,? 0(px)?\)/.test(style.clip)) continue;
    if (el.scrollWidth > el.clientWidth + 1) {
      found.push(`${el.closest('section.panel') && el.closest('section.panel') !== el ? `.${el.closest('section.panel').classList[1]} ` : ''}${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : ''} ${el.scrollWidth}>${el.clientWidth}`);
    }
  }
  return { page: document.documentElement.scrollWidth, found };
}

for (const viewport of [{ width: 360, height: 800 }, { width: 768, height: 1024 }]) {
  for (const colorScheme of ['light', 'dark']) {
    test(`${viewport.width}x${viewport.height} (${colorScheme}): nothing scrolls sideways but the diagram; the handshake table keeps its key columns`, async () => {
      const { page, problems } = await env.open({ viewport, colorScheme });
      await buildWorld(page);
      for (const action of await page.locator('#lifecycle-action option').evaluateAll((os) => os.map((o) => o.value))) {
        await page.getByLabel('Lifecycle', { exact: true }).selectOption(action);
        await settle(page);
        await afterLayout(page);
        const { page: width, found } = await page.evaluate(overflowing);
        assert.ok(width <= viewport.width, `${action}: the page is ${width} px wide`);
        const diagramScrolls = found.some((f) => /(^|\s)div#diagram\./.test(f));
        // The sequence diagram's drawing scrolls inside its own labelled, focusable region too (tests/e2e/sequence.test.mjs).
        const others = found.filter((f) => !/(^|\s)div#(diagram|sequence)\./.test(f));
        assert.deepEqual(others, [], `${action}: these scroll sideways`);
        // The diagram fits, or its region says it scrolls (and can be focused, with a name).
        assert.equal(await page.locator('#diagram-scroll-hint').isVisible(), diagramScrolls, `${action}: hint shown iff the drawing scrolls`);
        if (diagramScrolls) {
          const region = page.getByRole('region', { name: 'State diagram drawing' });
          assert.equal(await region.getAttribute('tabindex'), '0');
        }
      }
      // The key columns are on screen, inside the table's box, for every row: as columns under their headers,
      // or (cards) as lines named after them.
      const wrap = await page.locator('.panel-handshakes .table-wrap').boundingBox();
      const rows = page.locator('#handshakes-table tbody tr');
      assert.ok(await rows.count() >= 3);
      for (const name of ['Id', 'Action', 'State', 'Expires in']) {
        const header = page.locator('#handshakes-table').getByRole('columnheader', { name, exact: true });
        const headerShown = await header.evaluate((th) => th.getBoundingClientRect().width > 2);
        for (const row of await rows.all()) {
          const cell = row.locator(`td[data-label="${name}"]`);
          assert.ok(await cell.isVisible(), `${name} is shown`);
          const box = await cell.boundingBox();
          assert.ok(box.x >= wrap.x - 1 && box.x + box.width <= wrap.x + wrap.width + 1, `${name} cell ${JSON.stringify(box)} inside ${JSON.stringify(wrap)}`);
          const text = await cell.innerText();
          assert.ok(text.trim().length > 0, `${name} has a value`);
          if (!headerShown) {
            const label = await cell.evaluate((td) => getComputedStyle(td, '::before').content);
            assert.match(label, new RegExp(name), `a card names its ${name} line`);
          }
        }
      }
      // Nothing of any cell sticks out of the table's box.
      for (const cell of await page.locator('#handshakes-table td').all()) {
        const box = await cell.boundingBox();
        if (box) assert.ok(box.x >= wrap.x - 1 && box.x + box.width <= wrap.x + wrap.width + 1, `a cell ${JSON.stringify(box)} sticks out of ${JSON.stringify(wrap)}`);
      }
      const name = `small-${viewport.width}-${colorScheme}`;
      await page.evaluate(() => { document.querySelector('.topbar').style.position = 'static'; });
      await page.locator('.panel-handshakes').screenshot({ path: path.join(ARTIFACTS, `${name}-handshakes.png`) });
      await shot(page, `${name}-page`);
      assertNoProblems(problems);
    });
  }
}

test('from 320 to 1400 px wide, nothing but the diagram scrolls sideways; axe is clean with cards', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 } });
  await buildWorld(page);
  for (const width of [320, 360, 414, 480, 560, 640, 700, 820, 900, 1024, 1180, 1280, 1400]) {
    await page.setViewportSize({ width, height: 900 });
    await afterLayout(page);
    const { page: pageWidth, found } = await page.evaluate(overflowing);
    assert.ok(pageWidth <= width, `${width} px: the page is ${pageWidth} px wide`);
    assert.deepEqual(found.filter((f) => !/(^|\s)div#(diagram|sequence)\./.test(f)), [], `${width} px: these scroll sideways`);
    const scrolls = found.some((f) => /(^|\s)div#diagram\./.test(f));
    assert.equal(await page.locator('#diagram-scroll-hint').isVisible(), scrolls, `${width} px: the hint shows iff the drawing scrolls`);
  }
  await page.setViewportSize({ width: 360, height: 800 });
  await page.waitForTimeout(50);
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .include('.panel-handshakes').include('.panel-diagram').include('.panel-log').analyze();
  assert.deepEqual(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  assertNoProblems(problems);
});

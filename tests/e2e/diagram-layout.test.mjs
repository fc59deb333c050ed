// The state diagram is readable for every lifecycle the engine describes: no edge label overlaps a node,
// another label or an edge it does not belong to; every edge has a label naming its operations; text is at
// least 12 px on screen; at the page's normal width the drawing fits its panel, and where it does not
// (360 px) the region scrolls and says so. Screenshots of every lifecycle in light, dark and at 360 px.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { ARTIFACTS, assertNoProblems, settle, setup } from './harness.mjs';
import { nodeEngine } from './engine-node.mjs';

let env;
let lifecycles;
before(async () => {
  env = await setup();
  const engine = await nodeEngine();
  ({ Lifecycles: lifecycles } = JSON.parse(engine.call('', 'Simulator.DescribeLifecycle', '{}').body));
});
after(async () => { await env?.close(); });

async function showLifecycle(page, action) {
  await page.getByLabel('Lifecycle', { exact: true }).selectOption(action);
  await settle(page);
  await page.waitForFunction((a) => document.querySelector('#diagram svg title')?.textContent.startsWith(`${a} `), action);
}

/** Everything the checks need, measured in the SVG's own coordinates (getBBox, getPointAtLength). */
function measure() {
  const svg = document.querySelector('#diagram svg');
  const box = (el) => { const b = el.getBBox(); return { x: b.x, y: b.y, width: b.width, height: b.height }; };
  const scale = svg.getScreenCTM().a;
  const labels = [...svg.querySelectorAll('.edge-labels text')].map((t) => ({
    text: t.textContent, box: box(t), edges: (t.closest('[data-edges]')?.dataset.edges || '').split(' ').filter(Boolean),
    px: parseFloat(getComputedStyle(t).fontSize) * scale,
  }));
  const nodes = [...svg.querySelectorAll('.node')].map((g) => {
    const label = g.querySelector('.node-label');
    return { state: g.dataset.state, box: box(g.querySelector('.node-box')), label: box(label), px: parseFloat(getComputedStyle(label).fontSize) * scale };
  });
  const edges = [...svg.querySelectorAll('.edges path')].map((p) => {
    const length = p.getTotalLength();
    const points = [];
    for (let l = 0; l <= length; l += 1.5) { const q = p.getPointAtLength(l); points.push([q.x, q.y]); }
    // The arrowhead: 7 px back from the end, 4 px either side of the line.
    const end = p.getPointAtLength(length);
    const back = p.getPointAtLength(Math.max(0, length - 7));
    const dx = end.x - back.x; const dy = end.y - back.y; const n = Math.hypot(dx, dy) || 1;
    for (const side of [-4, 4]) points.push([back.x - (dy / n) * side, back.y + (dx / n) * side]);
    return { key: `${p.dataset.from}>${p.dataset.to}`, from: p.dataset.from, to: p.dataset.to, points, end: [end.x, end.y] };
  });
  const start = [...svg.querySelectorAll('.start-edge')].map((p) => {
    const points = [];
    for (let l = 0; l <= p.getTotalLength(); l += 1.5) { const q = p.getPointAtLength(l); points.push([q.x, q.y]); }
    return points;
  });
  const wrap = document.querySelector('#diagram');
  return {
    labels, nodes, edges, start,
    scrolls: wrap.scrollWidth > wrap.clientWidth,
    hintVisible: !document.querySelector('#diagram-scroll-hint').hidden,
    svgWidth: svg.getBoundingClientRect().width, wrapWidth: wrap.clientWidth,
  };
}

const intersects = (a, b) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const inside = ([x, y], b) => x > b.x && x < b.x + b.width && y > b.y && y < b.y + b.height;
const show = (b) => `(${b.x.toFixed(1)},${b.y.toFixed(1)} ${b.width.toFixed(1)}x${b.height.toFixed(1)})`;

/** Every layout rule, for one lifecycle as drawn. */
function checkLayout(lifecycle, m, where) {
  const moves = lifecycle.Transitions.filter((t) => t.To && t.To !== t.From);
  const keys = [...new Set(moves.map((t) => `${t.From}>${t.To}`))];
  const at = `${lifecycle.Action} (${where})`;
  assert.deepEqual(m.nodes.map((n) => n.state).sort(), [...lifecycle.States].sort(), `${at}: one node per state`);
  assert.deepEqual(m.edges.map((e) => e.key).sort(), [...keys].sort(), `${at}: one edge per move`);
  // Every edge has a label, and its label names every operation (and role) that makes the move.
  for (const key of keys) {
    const own = m.labels.filter((l) => l.edges.includes(key));
    assert.ok(own.length > 0, `${at}: edge ${key} has no label`);
    const text = own.map((l) => l.text).join(' ');
    for (const t of moves.filter((mv) => `${mv.From}>${mv.To}` === key)) {
      assert.ok(text.includes(t.Operation) && text.includes(`(${t.Role})`), `${at}: the label of ${key} lacks ${t.Operation} (${t.Role}): "${text}"`);
    }
    const edge = m.edges.find((e) => e.key === key);
    const target = m.nodes.find((n) => n.state === edge.to).box;
    assert.ok(Math.abs(edge.end[0] - target.x) <= 3 && edge.end[1] > target.y && edge.end[1] < target.y + target.height,
      `${at}: edge ${key} does not end at ${edge.to}'s box`);
  }
  for (const l of m.labels) {
    assert.ok(l.px >= 12, `${at}: label "${l.text}" is ${l.px.toFixed(2)} px`);
    for (const n of m.nodes) assert.ok(!intersects(l.box, n.box), `${at}: label "${l.text}" ${show(l.box)} overlaps node ${n.state} ${show(n.box)}`);
    for (const o of m.labels) {
      if (o !== l) assert.ok(!intersects(l.box, o.box), `${at}: label "${l.text}" ${show(l.box)} overlaps label "${o.text}" ${show(o.box)}`);
    }
  }
  for (const n of m.nodes) {
    assert.ok(n.px >= 12, `${at}: node label ${n.state} is ${n.px.toFixed(2)} px`);
    assert.ok(n.label.x >= n.box.x && n.label.x + n.label.width <= n.box.x + n.box.width, `${at}: ${n.state}'s name is wider than its box`);
    for (const o of m.nodes) if (o !== n) assert.ok(!intersects(n.box, o.box), `${at}: nodes ${n.state} and ${o.state} overlap`);
  }
  // No edge crosses a label other than its own (sampled every 1.5 px, arrowheads included), nor a node
  // other than its own ends.
  for (const e of m.edges) {
    for (const l of m.labels) {
      if (l.edges.includes(e.key)) continue;
      const hit = e.points.find((p) => inside(p, l.box));
      assert.ok(!hit, `${at}: edge ${e.key} runs through label "${l.text}" ${show(l.box)} at ${hit}`);
    }
    for (const n of m.nodes) {
      if (n.state === e.from || n.state === e.to) continue;
      const hit = e.points.find((p) => inside(p, n.box));
      assert.ok(!hit, `${at}: edge ${e.key} runs through node ${n.state} at ${hit}`);
    }
  }
  for (const points of m.start) for (const l of m.labels) assert.ok(!points.some((p) => inside(p, l.box)), `${at}: the start arrow crosses "${l.text}"`);
}

async function diagramShot(page, name) {
  // The sticky top bar would cover the panel's top in an element screenshot.
  await page.evaluate(() => { document.querySelector('.topbar').style.position = 'static'; });
  await page.locator('.panel-diagram').scrollIntoViewIfNeeded();
  await page.locator('.panel-diagram').screenshot({ path: path.join(ARTIFACTS, `${name}.png`) });
}

for (const colorScheme of ['light', 'dark']) {
  test(`every lifecycle's diagram is readable at 1400 px (${colorScheme})`, async () => {
    assert.ok(lifecycles.length >= 5, 'the engine describes every handshake action');
    const { page, problems } = await env.open({ colorScheme, viewport: { width: 1400, height: 900 } });
    const offered = await page.locator('#lifecycle-action option').evaluateAll((os) => os.map((o) => o.value));
    assert.deepEqual(offered.sort(), lifecycles.map((l) => l.Action).sort());
    for (const lifecycle of lifecycles) {
      await showLifecycle(page, lifecycle.Action);
      const m = await page.evaluate(measure);
      checkLayout(lifecycle, m, `1400 px, ${colorScheme}`);
      // At the page's normal width the drawing fits: no scrolling, no hint, drawn at its natural size.
      assert.equal(m.scrolls, false, `${lifecycle.Action}: ${m.svgWidth} px drawing in a ${m.wrapWidth} px region scrolls`);
      assert.equal(m.hintVisible, false);
      await diagramShot(page, `diagram-${lifecycle.Action.toLowerCase()}-${colorScheme}`);
    }
    assertNoProblems(problems);
  });
}

test('from 1180 to 1400 px every lifecycle fits its panel (roles go on lines of their own where the room is short)', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 } });
  for (const width of [1400, 1366, 1280, 1180]) {
    await page.setViewportSize({ width, height: 900 });
    for (const lifecycle of lifecycles) {
      await showLifecycle(page, lifecycle.Action);
      await page.waitForTimeout(30);
      const m = await page.evaluate(measure);
      checkLayout(lifecycle, m, `${width} px`);
      assert.equal(m.scrolls, false, `${lifecycle.Action} at ${width} px: ${m.svgWidth} px drawing in a ${m.wrapWidth} px region`);
      assert.equal(m.hintVisible, false);
    }
  }
  await page.setViewportSize({ width: 1280, height: 900 });
  await showLifecycle(page, 'ENABLE_ALL_FEATURES');
  await page.waitForTimeout(30);
  await diagramShot(page, 'diagram-enable_all_features-1280');
  assertNoProblems(problems);
});

test('with a handshake selected (bold labels, highlighted moves) the layout holds', async () => {
  const { page, problems } = await env.open({ viewport: { width: 1400, height: 900 } });
  await page.getByLabel('Scenario', { exact: true }).selectOption('consolidated');
  await page.getByRole('button', { name: 'Reset', exact: true }).click();
  await settle(page);
  await page.getByRole('button', { name: 'EnableAllFeatures', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#handshakes-table tbody tr'));
  await settle(page);
  await page.locator('#handshakes-table tbody tr[data-state="REQUESTED"] button').first().click();
  await settle(page);
  const lifecycle = lifecycles.find((l) => l.Action === 'ENABLE_ALL_FEATURES');
  await page.waitForFunction(() => document.querySelector('#diagram .node-current')?.dataset.state === 'REQUESTED');
  const m = await page.evaluate(measure);
  checkLayout(lifecycle, m, 'REQUESTED selected');
  assert.ok(await page.locator('#diagram .edge-label-active').count() > 0, 'the moves from the current state are marked');
  await diagramShot(page, 'diagram-enable_all_features-selected');
  // Cancel it: the edge just taken (REQUESTED to CANCELED, along the lane and into the shared run) is drawn
  // whole by its animation, however long it is.
  await page.getByLabel('Operation', { exact: true }).selectOption('CancelHandshake');
  await settle(page);
  await page.getByRole('button', { name: 'CancelHandshake', exact: true }).click();
  await page.waitForFunction(() => document.querySelector('#diagram .node-current')?.dataset.state === 'CANCELED');
  await settle(page);
  const just = page.locator('#diagram .edge-just');
  assert.equal(await just.count(), 1);
  assert.deepEqual([await just.getAttribute('data-from'), await just.getAttribute('data-to')], ['REQUESTED', 'CANCELED']);
  const dash = await just.evaluate((p) => [p.getAttribute('pathLength'), getComputedStyle(p).strokeDasharray]);
  assert.deepEqual(dash, ['100', '100px']);
  checkLayout(lifecycle, await page.evaluate(measure), 'CANCELED just reached');
  await page.waitForTimeout(1000);
  await diagramShot(page, 'diagram-enable_all_features-just');
  assertNoProblems(problems);
});

test('at 360 px the diagram region scrolls, says so, and can be reached and scrolled with the keyboard', async () => {
  const { page, problems } = await env.open({ viewport: { width: 360, height: 800 } });
  for (const lifecycle of lifecycles) {
    await showLifecycle(page, lifecycle.Action);
    const m = await page.evaluate(measure);
    checkLayout(lifecycle, m, '360 px');
    assert.equal(m.scrolls, true, `${lifecycle.Action} at 360 px`);
    assert.equal(m.hintVisible, true, 'the hint says the drawing scrolls');
    await diagramShot(page, `diagram-${lifecycle.Action.toLowerCase()}-360`);
  }
  const region = page.getByRole('region', { name: 'State diagram drawing' });
  assert.equal(await region.getAttribute('tabindex'), '0');
  assert.match(await region.getAttribute('aria-describedby'), /diagram-scroll-hint/);
  assert.ok(await page.locator('#diagram-scroll-hint').isVisible());
  await region.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction(() => document.querySelector('#diagram').scrollLeft > 0);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth) <= 360, 'the page itself does not scroll sideways');
  assertNoProblems(problems);
});

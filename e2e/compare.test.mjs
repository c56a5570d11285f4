// End to end, against the release build: two scenarios compared side by
// side — the key figures by their row and column, the differences, both
// charts at one scale, choices kept over a rename and a delete — and axe on
// the Compare screen in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, violations } from './harness.mjs';

async function open(opts) {
  const env = await start(opts);
  const page = env.context.pages()[0] ?? (await env.context.newPage());
  await page.goto(env.url);
  await page.locator('table.required').waitFor();
  return { env, page };
}

/** The texts of a figure's row: [left, right, difference]. */
async function figures(page, label) {
  const row = page.locator('table.compare-table tbody tr').filter({
    has: page.getByRole('rowheader', { name: label, exact: true }),
  });
  return row.getByRole('cell').allInnerTexts().then((t) => t.map((s) => s.replace(/\s+/g, ' ').trim()));
}

/** Widths of the bars of one side's chart, top first. */
async function barWidths(page, side) {
  return page
    .locator(`svg[aria-labelledby="compare-${side}-title"] rect`)
    .evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('width'))));
}

async function selected(page, label) {
  return page.getByLabel(label, { exact: true }).evaluate((s) => s.selectedOptions[0]?.textContent.trim());
}

const WIDE = 'Long, wide funnel (mass market)';
const NICHE = 'Short, narrow funnel (niche)';

test('two scenarios compared: figures, differences, one scale, choices kept', async () => {
  const { env, page } = await open();
  try {
    // Scenario 1 is the default plan: 3,000,000 at 100,000 on stages A–E.
    await page.getByLabel('New from preset', { exact: true }).selectOption({ label: WIDE });
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    await page.getByRole('heading', { name: 'Compare scenarios' }).waitFor();
    assert.equal(await page.getByRole('tab', { name: 'Compare' }).getAttribute('aria-selected'), 'true');
    // The open scenario on the left, the next one (wrapping) on the right.
    assert.equal(await selected(page, 'Left scenario'), WIDE);
    assert.equal(await selected(page, 'Right scenario'), 'Scenario 1');

    // A keyboard user choosing stays on the select: nothing around it re-renders.
    await page.getByLabel('Left scenario', { exact: true }).focus();
    await page.getByLabel('Left scenario', { exact: true }).selectOption({ label: 'Scenario 1' });
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'compare-left');
    // The right side keeps what it showed (Scenario 1) until chosen.
    assert.equal(await selected(page, 'Right scenario'), 'Scenario 1');
    await page.getByLabel('Right scenario', { exact: true }).selectOption({ label: WIDE });
    const head = await page.locator('table.compare-table thead th').allInnerTexts();
    assert.deepEqual(head.slice(1, 3), ['Scenario 1', WIDE]);

    // Quota: 30 deals ÷ 20 % = 150 leads; wide: 30 ÷ 2 % = 1,500.
    assert.deepEqual(await figures(page, 'Deals needed'), ['30', '30', 'no difference']);
    assert.deepEqual(await figures(page, 'Leads needed'), ['150', '1,500', '▲ +1,350 (+900%)']);
    assert.deepEqual(await figures(page, 'Close ratio'), ['20%', '2%', '▼ −18 pp']);
    // 14+14+21+14 and 7+7+14+14+21: the same 63 days.
    assert.deepEqual(await figures(page, 'Sales cycle (days)'), ['63', '63', 'no difference']);
    const leadsDiff = page
      .locator('table.compare-table tr', { has: page.getByRole('rowheader', { name: 'Leads needed' }) })
      .locator('td.diff');
    assert.match(await leadsDiff.getAttribute('class'), /\bhigher\b/);
    assert.match(await page.locator('table.compare-table tr.differs').first().innerText(), /Leads needed/);
    const [steadyL, steadyR, steadyD] = await figures(page, 'Steady funnel (opportunities held at any time)');
    assert.match(steadyL, /^\d[\d,]*$/);
    assert.match(steadyR, /^\d[\d,]*$/);
    assert.match(steadyD, /^▲ \+/);
    const [perWeekL, perWeekR] = await figures(page, 'New leads per week');
    assert.match(perWeekL, /^\d/);
    assert.match(perWeekR, /^\d/);
    assert.equal(await page.getByRole('rowheader', { name: 'Weighted forecast' }).count(), 0, 'no deals, no forecast row');

    // One scale: the wide funnel's top bar is full width (300 of 320), the
    // quota's 150 of 1,500 a tenth of it.
    const left = await barWidths(page, 'left');
    const right = await barWidths(page, 'right');
    assert.equal(right[0], 300);
    assert.equal(left[0], 30);
    assert.deepEqual(left, [150, 75, 60, 38, 30].map((n) => Math.floor((300 * n) / 1500)));
    assert.equal(Math.max(...left, ...right), 300);
    const title = await page.locator('#compare-right-title').textContent();
    assert.match(title, /same scale/);
    assert.match(title, /1,500/);
    assert.equal(await page.locator('svg[aria-labelledby="compare-left-title"]').getAttribute('role'), 'img');

    // A rename keeps both choices; the new name shows.
    await page.getByRole('button', { name: 'Rename scenario' }).click();
    await page.getByLabel('Scenario name', { exact: true }).fill('Wide funnel');
    await page.keyboard.press('Enter');
    await page.locator('table.compare-table thead th', { hasText: 'Wide funnel' }).waitFor();
    assert.equal(await selected(page, 'Left scenario'), 'Scenario 1');
    assert.equal(await selected(page, 'Right scenario'), 'Wide funnel');

    // A third scenario on the right: 30 ÷ 40 % = 75 leads.
    await page.getByLabel('New from preset', { exact: true }).selectOption({ label: NICHE });
    await page.getByLabel('Right scenario', { exact: true }).selectOption({ label: NICHE });
    assert.deepEqual(await figures(page, 'Leads needed'), ['150', '75', '▼ −75 (−50%)']);
    assert.deepEqual(await figures(page, 'Close ratio'), ['20%', '40%', '▲ +20 pp']);
    assert.deepEqual(await figures(page, 'Sales cycle (days)'), ['63', '35', '▼ −28 (−44.4%)']);
    // The quota funnel is now the wider: its top bar is full width.
    assert.equal((await barWidths(page, 'left'))[0], 300);
    assert.equal((await barWidths(page, 'right'))[0], 150);

    // Deleting the scenario on the right (the open one) falls back to the
    // one after the left scenario.
    await page.getByRole('button', { name: 'Delete scenario' }).click();
    await page.locator('table.compare-table thead th', { hasText: 'Wide funnel' }).waitFor();
    assert.equal(await selected(page, 'Left scenario'), 'Scenario 1');
    assert.equal(await selected(page, 'Right scenario'), 'Wide funnel');

    // A figure that cannot be computed is a dash with the reason.
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Scenario 1' });
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByLabel('Revenue target', { exact: true }).fill('abc');
    await page.getByRole('button', { name: 'Compare', exact: true }).click();
    const [dealsL, dealsR, dealsD] = await figures(page, 'Deals needed');
    assert.equal(dealsL, '— fix the target');
    assert.equal(dealsR, '30');
    assert.equal(dealsD, '—');
    assert.match(await page.locator('#compare-left-h ~ p.note').innerText(), /fix the target/);

    // One scenario left: the screen says what to do, with the buttons' names.
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Wide funnel' });
    await page.getByRole('button', { name: 'Delete scenario' }).click();
    const need = page.locator('.compare-need-two');
    await need.waitFor();
    assert.match(await need.innerText(), /two scenarios.*“New scenario”, “Duplicate scenario” or “New from preset”/s);
    assert.equal(await page.locator('table.compare-table').count(), 0);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});

for (const [locale, w] of [
  ['en-US', { preset: 'New from preset', compare: 'Compare', wide: WIDE, plan: 'Plan', revenue: 'Revenue target', left: 'Left scenario' }],
  ['zh-CN', { preset: '从预设新建', compare: '对比', wide: '长而宽的漏斗（大众市场）', plan: '计划', revenue: '收入目标', left: '左侧方案' }],
]) {
  for (const [size, viewport, colorScheme] of [
    ['wide', { width: 1280, height: 800 }, 'light'],
    ['narrow dark', { width: 390, height: 844 }, 'dark'],
  ]) {
    test(`axe: the Compare screen, ${locale}, ${size}`, async () => {
      const { env, page } = await open({ locale, viewport, colorScheme });
      try {
        await page.getByRole('button', { name: w.compare, exact: true }).click();
        await page.locator('.compare-need-two').waitFor();
        assert.deepEqual(await violations(page), [], `one scenario, ${locale}, ${size}`);
        await page.getByLabel(w.preset, { exact: true }).selectOption({ label: w.wide });
        await page.locator('table.compare-table').waitFor();
        assert.deepEqual(await violations(page), [], `two scenarios, ${locale}, ${size}`);
        // Dashes with reasons on the left.
        await page.getByRole('tab', { name: w.plan, exact: true }).click();
        await page.getByLabel(w.revenue, { exact: true }).fill('abc');
        await page.getByRole('tab', { name: w.compare, exact: true }).click();
        await page.locator('td.missing').first().waitFor();
        assert.deepEqual(await violations(page), [], `with dashes, ${locale}, ${size}`);
        assert.deepEqual(env.errors, []);
      } finally {
        await env.close();
      }
    });
  }
}

// End to end, against the release build: the What-if screen's three levers
// moved with the keyboard, the changed figures read from the table by the
// names of its rows, each lever alone and all together; a blocked figure;
// axe on the view in both languages.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, violations } from './harness.mjs';

const EN = {
  tab: 'What-if',
  opportunities: 'More opportunities (%)',
  winRates: 'Win rate change (%)',
  cycle: 'Cycle change (%)',
  table: "The plan's figures: baseline beside each lever alone and all three together",
  wins: 'Wins in the period (deals)',
  leads: 'Leads needed for the target',
  close: 'Close ratio',
  cycleRow: 'Sales cycle (days)',
  reset: 'Reset levers',
};
const ZH = {
  tab: '假设分析',
  opportunities: '更多机会 (%)',
  winRates: '赢率变化 (%)',
  cycle: '周期变化 (%)',
  table: '计划的各项数字：基准与每个杠杆单独作用、三者同时作用的对比',
  wins: '本期成交（单）',
};

const COLUMNS = ['baseline', 'opportunities', 'winRates', 'cycle', 'together'];

/** The figure and the change under it, per column, of the row named `name`. */
async function row(page, words, name) {
  const table = page.getByRole('table', { name: words.table });
  const tr = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });
  const cells = await tr.getByRole('cell').evaluateAll((tds) =>
    tds.map((td) => [td.querySelector('.v')?.textContent ?? '', td.querySelector('.d')?.textContent ?? '']),
  );
  return Object.fromEntries(COLUMNS.map((c, i) => [c, cells[i]]));
}

async function openWhatIf(page, url, words) {
  await page.goto(url);
  await page.locator('table.required').waitFor();
  await page.getByRole('tab', { name: words.tab, exact: true }).click();
  await page.getByRole('table', { name: words.table }).waitFor();
}

async function focused(page) {
  return page.evaluate(() => document.activeElement?.id ?? '');
}

test('each lever moved with the keyboard, alone and together (worked example 3)', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await openWhatIf(page, env.url, EN);

    // Baseline: 30 deals, 150 leads, 20 %, a 63-day cycle; no change shown.
    assert.deepEqual(await row(page, EN, EN.wins), {
      baseline: ['30', ''], opportunities: ['30', ''], winRates: ['30', ''], cycle: ['30', ''], together: ['30', ''],
    });
    assert.deepEqual((await row(page, EN, EN.leads)).baseline, ['150', '']);
    assert.deepEqual((await row(page, EN, EN.close)).baseline, ['20%', '']);
    assert.deepEqual((await row(page, EN, EN.cycleRow)).baseline, ['63', '']);

    // More opportunities: Shift+→ steps 5 %, → steps 1 %.
    const opportunities = page.getByLabel(EN.opportunities, { exact: true });
    await opportunities.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
    assert.equal(await opportunities.inputValue(), '20');
    assert.equal(await focused(page), 'lever-opportunities', 'focus stays on the slider');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual((await row(page, EN, EN.wins)).opportunities, ['36.3', '+21%']);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await focused(page), 'lever-opportunities');
    assert.equal(await page.locator('#lever-opportunities-value').textContent(), '+20%');
    assert.equal(await opportunities.getAttribute('aria-valuetext'), '+20%');
    assert.deepEqual((await row(page, EN, EN.wins)).opportunities, ['36', '+20%']);
    assert.deepEqual((await row(page, EN, EN.leads)).opportunities, ['150', 'no change']);
    assert.deepEqual((await row(page, EN, EN.wins)).winRates, ['30', ''], 'other levers still at 0');

    // Win rates +10 % on four stages: ×1.4641.
    const winRates = page.getByLabel(EN.winRates, { exact: true });
    await winRates.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    assert.equal(await focused(page), 'lever-win-rates');
    assert.deepEqual((await row(page, EN, EN.close)).winRates, ['29.282%', '+46.41%']);
    assert.deepEqual((await row(page, EN, EN.leads)).winRates, ['103', '−31.3%']);
    assert.deepEqual((await row(page, EN, EN.wins)).winRates, ['43.9', '+46.41%']);

    // Cycle −20 %: 63 days × 0.8; leads and wins unchanged.
    const cycle = page.getByLabel(EN.cycle, { exact: true });
    await cycle.focus();
    for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowLeft');
    assert.equal(await focused(page), 'lever-cycle');
    assert.deepEqual((await row(page, EN, EN.cycleRow)).cycle, ['50.4', '−20%']);
    assert.deepEqual((await row(page, EN, EN.leads)).cycle, ['150', 'no change']);
    assert.deepEqual((await row(page, EN, EN.wins)).cycle, ['30', 'no change']);

    // All three together: 36 a period × 1.4641 = 52.7; 103 leads; 50.4 days.
    assert.deepEqual((await row(page, EN, EN.wins)).together, ['52.7', '+75.692%']);
    assert.deepEqual((await row(page, EN, EN.leads)).together, ['103', '−31.3%']);
    assert.deepEqual((await row(page, EN, EN.close)).together, ['29.282%', '+46.41%']);
    assert.deepEqual((await row(page, EN, EN.cycleRow)).together, ['50.4', '−20%']);
    const headers = await page.getByRole('table', { name: EN.table }).getByRole('columnheader').allTextContents();
    assert.deepEqual(headers, ['Figure', 'Baseline', 'More opportunities +20%', 'Win rates +10%', 'Cycle −20%', 'All three together']);

    // The compounding demo: four open stages, ×1.1 each.
    assert.match(await page.locator('#compound-result').textContent(), /20% → 29\.282%: ×1\.4641 over 4 open stages/);

    // Setting a value directly works too.
    await cycle.fill('-50');
    assert.deepEqual((await row(page, EN, EN.cycleRow)).cycle, ['31.5', '−50%']);

    // The levers stay while another screen is open.
    await page.getByRole('tab', { name: 'Plan', exact: true }).click();
    await page.getByRole('tab', { name: EN.tab, exact: true }).click();
    assert.equal(await page.getByLabel(EN.winRates, { exact: true }).inputValue(), '10');

    // Reset puts every lever back at 0 and keeps focus on the button.
    const reset = page.getByRole('button', { name: EN.reset });
    await reset.focus();
    await page.keyboard.press('Enter');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), EN.reset);
    for (const name of [EN.opportunities, EN.winRates, EN.cycle]) {
      assert.equal(await page.getByLabel(name, { exact: true }).inputValue(), '0');
    }
    assert.deepEqual((await row(page, EN, EN.wins)).together, ['30', '']);
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
  }
});

test('a 0 % stage shows a dash and the reason', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await page.goto(env.url);
    await page.locator('table.required').waitFor();
    await page.locator('input[id$="-rate"]').first().fill('0');
    await page.getByRole('tab', { name: EN.tab, exact: true }).click();
    await page.getByLabel(EN.winRates, { exact: true }).fill('10');
    const leads = await row(page, EN, EN.leads);
    assert.deepEqual(leads.baseline, ['—', 'a 0% stage makes this unreachable']);
    assert.deepEqual(leads.winRates, ['—', 'a 0% stage makes this unreachable']);
    assert.deepEqual((await row(page, EN, EN.close)).baseline, ['0%', '']);
    assert.match(await page.locator('#compound-result').textContent(), /unreachable/);
    assert.deepEqual(await violations(page), []);
  } finally {
    await env.close();
  }
});

for (const [locale, words] of [['en-US', EN], ['zh-CN', ZH]]) {
  for (const [size, viewport, colorScheme] of [
    ['wide', { width: 1440, height: 900 }, 'light'],
    ['narrow', { width: 390, height: 844 }, 'dark'],
  ]) {
    test(`axe: the What-if view, ${locale}, ${size}`, async () => {
      const env = await start({ locale, viewport, colorScheme });
      try {
        const page = env.context.pages()[0] ?? (await env.context.newPage());
        await openWhatIf(page, env.url, words);
        assert.deepEqual(await violations(page), [], `at rest, ${locale}, ${size}`);
        const slider = page.getByLabel(words.opportunities, { exact: true });
        await slider.focus();
        await page.keyboard.press('ArrowRight');
        assert.equal(await focused(page), 'lever-opportunities');
        await page.getByLabel(words.winRates, { exact: true }).fill('25');
        await page.getByLabel(words.cycle, { exact: true }).fill('-30');
        const wins = await row(page, words, words.wins);
        assert.equal(wins.opportunities[0], '30.3');
        assert.deepEqual(await violations(page), [], `levers moved, ${locale}, ${size}`);
        assert.deepEqual(env.errors, []);
      } finally {
        await env.close();
      }
    });
  }
}

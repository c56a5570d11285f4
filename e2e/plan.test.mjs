// End to end, against the release build: a rep enters worked example 3
// through the labelled controls and reads the answer; rate modes, reloads,
// bad input, languages and broken storage.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PlanPage, openPlan, closePlan, EXAMPLE_3 } from './plan-page.mjs';

let env;
let page;
let plan;

before(async () => ({ env, page, plan } = await openPlan()));
after(() => closePlan(env));


test('worked example 3 through the labelled controls', async () => {
  await plan.choosePreset('Small projects');
  assert.equal(await plan.stageNames().count(), 4);
  await page.getByRole('button', { name: 'Add stage' }).click();
  assert.equal(await plan.stageNames().count(), 5);
  // The new stage goes above the won stage; type example 3 over all five.
  await plan.fillStages([
    ['A', '20'],
    ['B', '40'],
    ['C', '50'],
    ['D', '80'],
    ['E', '100'],
  ]);
  await plan.targetBy('Revenue');
  await plan.label('Revenue target').fill('3,000,000');
  await plan.label('Average deal size').fill('100000');
  await plan.expectRequired(EXAMPLE_3);
  assert.equal(await plan.output('Deals needed').innerText(), '30 deals');
  assert.equal(await plan.output('Leads needed').innerText(), '150 leads');
  assert.equal(await plan.output('Close ratio').innerText(), '20%');
  const rows = await plan.requiredRows();
  assert.deepEqual(rows.map((r) => r[1]), ['20%', '40%', '50%', '80%', '100%']);
  assert.deepEqual(rows.map((r) => r[2]), ['50%', '80%', '62.5%', '80%', '—']);
  assert.match(await plan.output('Leads for confidence').innerText(), /^\d[\d,]* leads$/);
});

test('switching the rate mode converts and converts back exactly', async () => {
  await plan.rateMode('Conversion');
  const conv = plan.rates('Conversion to next stage (%)');
  // Every row keeps its rate field; the won stage's reads 100.
  assert.deepEqual(await plan.values(conv), ['50', '80', '62.5', '80', '100']);
  await plan.expectRequired(EXAMPLE_3);
  await plan.rateMode('Win rate');
  assert.deepEqual(await plan.values(plan.rates()), ['20', '40', '50', '80', '100']);
  await plan.expectRequired(EXAMPLE_3);
});

test('worked example 3 typed as conversions', async () => {
  await plan.rateMode('Conversion');
  const conv = plan.rates('Conversion to next stage (%)');
  for (const [i, v] of ['50', '80', '62.5', '80'].entries()) await conv.nth(i).fill(v);
  await plan.expectRequired(EXAMPLE_3);
  await plan.rateMode('Win rate');
  assert.deepEqual(await plan.values(plan.rates()), ['20', '40', '50', '80', '100']);
});

test('a reload keeps every field', async () => {
  await plan.rateMode('Conversion');
  await plan.label('Confidence (%)').fill('95');
  await page.getByRole('switch', { name: 'Show working' }).check();
  await page.waitForTimeout(800); // saving is debounced
  await plan.reload();
  assert.equal(await page.getByRole('radio', { name: 'Conversion', exact: true }).isChecked(), true);
  assert.deepEqual(await plan.values(plan.rates('Conversion to next stage (%)')), ['50', '80', '62.5', '80', '100']);
  assert.deepEqual(await plan.values(plan.stageNames()), ['A', 'B', 'C', 'D', 'E']);
  assert.equal(await plan.label('Revenue target').inputValue(), '3,000,000');
  assert.equal(await plan.label('Average deal size').inputValue(), '100000');
  assert.equal(await plan.label('Confidence (%)').inputValue(), '95');
  assert.equal(await page.getByRole('switch', { name: 'Show working' }).isChecked(), true);
  await plan.expectRequired(EXAMPLE_3);
  // The working shows the user's own numbers.
  const body = await page.locator('body').innerText();
  assert.ok(body.includes('⌈30 ÷ 20%⌉ = 150'), 'working for A');
  assert.ok(body.includes('50% × 80% × 62.5% × 80% = 20%'), 'working for the close ratio');
  await plan.rateMode('Win rate');
  await page.getByRole('switch', { name: 'Show working' }).uncheck();
});

test('bad input gets a message at the field and nothing breaks', async () => {
  const revenue = plan.label('Revenue target');
  await revenue.fill('abc');
  assert.equal(await revenue.getAttribute('aria-invalid'), 'true');
  const msgId = await revenue.getAttribute('aria-describedby');
  assert.equal(await page.locator(`[id="${msgId}"]`).innerText(), '“abc” is not a number.');
  assert.equal(await plan.output('Deals needed').innerText(), '—');
  assert.equal(await plan.output('Close ratio').innerText(), '20%');
  for (const bad of ['-5', '0', '1e308', 'Infinity', '99999999999999999999999999', '', '  ', '３００万']) {
    await revenue.fill(bad);
    await plan.expectNoBrokenNumbers();
  }
  assert.equal(await revenue.getAttribute('aria-invalid'), 'false', 'full-width 300万 is a number');
  assert.equal(await plan.output('Deals needed').innerText(), '30 deals');

  const first = plan.rates().nth(0);
  for (const bad of ['0', '-10', '150', 'x', '', '12.34567']) {
    await first.fill(bad);
    await plan.expectNoBrokenNumbers();
  }
  await first.fill('0');
  assert.equal(await plan.output('Leads needed').innerText(), '—');
  assert.match(await page.locator('body').innerText(), /a 0% stage makes this unreachable/);
  await first.fill('20');
  await plan.label('Confidence (%)').fill('100');
  assert.match(await page.locator('body').innerText(), /Must be below 100%/);
  assert.equal(await plan.output('Leads for confidence').innerText(), '—');
  await plan.label('Confidence (%)').fill('90');
  await plan.targetBy('Deals');
  await plan.label('Deals target').fill('2.5');
  assert.match(await page.locator('body').innerText(), /Enter a whole number\./);
  await plan.label('Deals target').fill('30');
  await plan.expectRequired(EXAMPLE_3);
  await plan.targetBy('Revenue');
  await plan.expectRequired(EXAMPLE_3);
});

test('中文 and back, remembered over a reload', async () => {
  await plan.label('Language').selectOption({ label: '中文' });
  await page.getByLabel('收入目标', { exact: true }).waitFor();
  assert.ok(await page.getByRole('table', { name: '各阶段所需数量' }).isVisible());
  assert.equal(await page.getByLabel('所需线索数', { exact: true }).innerText(), '150 条线索');
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByRole('table', { name: '各阶段所需数量' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'zh-CN');
  await page.getByLabel('语言', { exact: true }).selectOption({ label: 'English' });
  await plan.table().waitFor();
  await plan.expectRequired(EXAMPLE_3);
});

test('an unreadable save is kept as a backup and reported', async () => {
  await page.waitForTimeout(800); // let the last debounced save land first
  await page.evaluate(() => localStorage.setItem('funnel-calculator', '{"version":1,"plan":{"stages":"broken'));
  await plan.reload();
  assert.match(await page.getByRole('alert').innerText(), /could not be read/);
  const backups = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('funnel-calculator.backup'))
      .map((k) => localStorage.getItem(k)),
  );
  assert.deepEqual(backups, ['{"version":1,"plan":{"stages":"broken']);
  await plan.expectRequired(EXAMPLE_3); // the default plan is worked example 3
});

test('a preset or a removed stage can be undone', async () => {
  await plan.choosePreset('Two steps, 10% × 10%');
  assert.equal(await plan.stageNames().count(), 3);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await plan.values(plan.stageNames()), ['A', 'B', 'C', 'D', 'E']);
  await plan.expectRequired(EXAMPLE_3);
  await page.getByRole('button', { name: 'Remove stage' }).nth(2).click();
  assert.equal(await plan.stageNames().count(), 4);
  await page.getByRole('button', { name: 'Undo' }).click();
  await plan.expectRequired(EXAMPLE_3);
  // Focus lands on what undo brought back: the restored stage's name.
  await page.waitForFunction(() => document.activeElement?.value === 'C');
  await page.getByRole('button', { name: 'Redo' }).click();
  assert.equal(await plan.stageNames().count(), 4);
  await page.getByRole('button', { name: 'Undo' }).click();
  await plan.expectRequired(EXAMPLE_3);
});

test('another tab sees the change', async () => {
  const other = await env.context.newPage();
  const p2 = new PlanPage(other);
  await p2.goto(env.url);
  await p2.expectRequired(EXAMPLE_3);
  await plan.label('Revenue target').fill('6000000');
  await other.waitForFunction(() => document.querySelector('#out-deals')?.textContent.startsWith('60 '), null, { timeout: 5000 });
  assert.equal(await p2.output('Deals needed').innerText(), '60 deals');
  await other.close();
  await plan.label('Revenue target').fill('3,000,000');
  await plan.expectRequired(EXAMPLE_3);
});

test('with storage blocked the app works and says it cannot save', async () => {
  const blocked = await env.context.newPage();
  await blocked.addInitScript(() => {
    Object.defineProperty(window, 'localStorage', {
      get() {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
  });
  const p = new PlanPage(blocked);
  await p.goto(env.url);
  assert.match(await blocked.locator('.status').innerText(), /Can't save/);
  await p.label('Revenue target').fill('6000000');
  await p.expectRequired([
    ['A', '300'],
    ['B', '150'],
    ['C', '120'],
    ['D', '75'],
    ['E', '60'],
  ]);
  await blocked.close();
});

// End to end, against the release build: worked example 4 and a custom-date
// period through the labelled controls; lateness; bad input; a reload keeps
// every field.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openPlan, closePlan } from './plan-page.mjs';

let env;
let page;
let plan;

before(async () => ({ env, page, plan } = await openPlan()));
after(() => closePlan(env));

const text = async (name) => (await plan.output(name).innerText()).trim();

async function tableRows(name) {
  return page.getByRole('table', { name }).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [...tr.children].map((c) => (c.firstChild?.textContent ?? '').trim())),
  );
}

test('worked example 4: 120 deals, 10 wins and 50 new leads a week, 10 reps', async () => {
  await plan.choosePreset('Small projects');
  await plan.targetBy('Revenue');
  await plan.label('Revenue target').fill('2,400,000');
  await plan.label('Average deal size').fill('20,000');
  await plan.label('Period').selectOption({ label: 'Weeks' });
  await plan.label('Period start').fill('2027-01-04');
  await plan.label('Weeks in period').fill('12');
  await plan.label('Today').fill('2026-11-27');
  await plan.label('New leads per rep per week').fill('5');
  assert.deepEqual(await plan.values(plan.label('Dwell days')), ['7', '7', '7']);
  assert.equal(await text('Deals needed'), '120 deals');
  assert.equal(await text('Sales cycle (days)'), '21 days');
  assert.equal(await text('Wins per week'), '10');
  assert.equal(await text('New leads per week'), '50');
  assert.equal(await text('Reps needed'), '10 reps');
  assert.equal(await text('First leads by'), 'Dec 14, 2026');
  assert.deepEqual(await tableRows('Ideal funnel'), [
    ['Intent', '50', '600'],
    ['Solution', '29', '343'],
    ['Negotiation', '15', '172'],
  ]);
  const calendar = await tableRows('Intake calendar');
  assert.equal(calendar.length, 12);
  assert.deepEqual(calendar[0], ['2026-W51', 'Dec 14, 2026', '50']);
  assert.ok(calendar.every((r) => r[2] === '50'));
  // The standard funnel for 2 wins, from the planner, on the same preset.
  await plan.targetBy('Deals');
  await plan.label('Deals target').fill('2');
  await plan.expectRequired([
    ['Intent', '10'],
    ['Solution', '6'],
    ['Negotiation', '3'],
    ['Won', '2'],
  ]);
  await plan.targetBy('Revenue');
});

test('a reload keeps every time field', async () => {
  await plan.label('Dwell days').nth(1).fill('10');
  await page.waitForTimeout(800);
  await plan.reload();
  assert.equal(await plan.label('Period').inputValue(), 'Weeks');
  assert.equal(await plan.label('Period start').inputValue(), '2027-01-04');
  assert.equal(await plan.label('Weeks in period').inputValue(), '12');
  assert.equal(await plan.label('Today').inputValue(), '2026-11-27');
  assert.equal(await plan.label('New leads per rep per week').inputValue(), '5');
  assert.deepEqual(await plan.values(plan.label('Dwell days')), ['7', '10', '7']);
  assert.equal(await text('Sales cycle (days)'), '24 days');
  await plan.label('Dwell days').nth(1).fill('7');
});

test('a custom period: Q1 2027, 90 wins, on time, late, too late', async () => {
  await plan.label('Period').selectOption({ label: 'Custom dates' });
  await plan.label('Period start').fill('2027-01-01');
  await plan.label('Period end').fill('2027-03-31');
  await plan.targetBy('Deals');
  await plan.label('Deals target').fill('90');
  assert.equal(await text('Wins per week'), '7');
  assert.equal(await text('New leads per week'), '35');
  assert.equal(await text('Reps needed'), '7 reps');
  assert.equal(await text('First leads by'), 'Dec 11, 2026');
  let calendar = await tableRows('Intake calendar');
  assert.deepEqual(calendar[0].slice(0, 2), ['2026-W50', 'Dec 7, 2026']);
  assert.equal(calendar.reduce((n, r) => n + Number(r[2].replace(/,/g, '')), 0), 450, 'rows add up to the leads needed');
  assert.match(await page.locator('.late-note').innerText(), /On time/);

  await plan.label('Today').fill('2026-12-25');
  assert.match(await page.locator('.late-note').innerText(), /2 weeks late/);
  assert.match(await text('Catch-up leads per week'), /^\d/);
  const headers = await page.getByRole('table', { name: 'Intake calendar' }).locator('thead th').allInnerTexts();
  assert.deepEqual(headers, ['Week', 'Starts', 'New leads', 'Catch-up']);
  assert.equal(await text('New leads per week'), '35', 'the steady figure stays');

  await plan.label('Today').fill('2027-03-20');
  assert.match(await page.locator('.late-note').innerText(), /Too late for this period/);
  await plan.label('Today').fill('2026-11-27');
});

test('bad time input is explained at the field', async () => {
  const dwell = plan.label('Dwell days').nth(0);
  for (const [bad, message] of [
    ['0', 'Must be greater than 0.'],
    ['-3', 'Must not be negative.'],
    ['2.5', 'Enter a whole number.'],
    ['', 'Enter a number.'],
  ]) {
    await dwell.fill(bad);
    assert.equal(await dwell.getAttribute('aria-invalid'), 'true');
    const id = await dwell.getAttribute('aria-describedby');
    assert.equal(await page.locator(`[id="${id}"]`).innerText(), message);
    assert.equal(await text('Sales cycle (days)'), '—');
    await plan.expectNoBrokenNumbers();
  }
  await dwell.fill('7');
  await plan.label('Period end').fill('2026-12-31');
  assert.match(await page.locator('body').innerText(), /The period ends before it starts\./);
  assert.equal(await text('Wins per week'), '—');
  await plan.label('Period end').fill('');
  const endMsg = await plan.label('Period end').getAttribute('aria-describedby');
  assert.equal(await page.locator(`[id="${endMsg}"]`).innerText(), 'Enter a date.');
  await plan.label('Period end').fill('2027-03-31');
  await plan.label('New leads per rep per week').fill('0');
  assert.match(await text('Reps needed'), /^—/);
  await plan.label('New leads per rep per week').fill('5');
  await plan.label('Period').selectOption({ label: 'Weeks' });
  await plan.label('Weeks in period').fill('0');
  assert.equal(await text('Wins per week'), '—');
  await plan.label('Weeks in period').fill('12');
  assert.equal(await text('Wins per week'), '7.5');
  await plan.expectNoBrokenNumbers();
});

test('中文 labels for the time plan', async () => {
  await plan.label('Language').selectOption({ label: '中文' });
  await page.getByLabel('销售周期（天）', { exact: true }).waitFor();
  assert.equal(await page.getByLabel('销售周期（天）', { exact: true }).innerText(), '21 天');
  assert.ok(await page.getByRole('table', { name: '线索进入日程' }).isVisible());
  assert.ok(await page.getByRole('table', { name: '理想状态漏斗' }).isVisible());
  await page.getByLabel('语言', { exact: true }).selectOption({ label: 'English' });
  await plan.table().waitFor();
});

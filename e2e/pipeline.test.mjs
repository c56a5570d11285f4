// End to end, against the release build: the Pipeline screen. The hand-checked
// fixture (tests/fixtures/hand-fixture.md) imported through "Import CSV" gives
// exactly the figures computed by hand; the tab bar, the deal list and its
// undo, and the storage of the list.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openApp } from './pipeline-page.mjs';

let app;
let page;
let pp;

before(async () => {
  app = await openApp();
  ({ page, pp } = app);
  await pp.setUpHandPlan();
  await pp.openPipeline();
  await pp.importFile('hand-fixture.csv');
  await page.getByText('Deals 1–14 of 14').waitFor();
});
after(() => app.close());

/** A table's body (and foot) as rows of cell texts (first line of each cell). */
function rows(name, part = 'tbody') {
  return page
    .getByRole('table', { name, exact: true })
    .locator(`${part} tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.children].map((c) => {
          const input = c.querySelector('input');
          return (input ? input.value : c.innerText.split('\n')[0]).trim();
        }),
      ),
    );
}

test('the hand-checked fixture gives exactly the figures worked out by hand', async () => {
  const expected = {
    Realised: '$600,000',
    'Weighted forecast': '$1,135,000',
    Gap: '$1,865,000 short',
    Coverage: '0.56×',
    'Required coverage': '5×',
    'New leads still needed': '94 leads',
    'New leads per week still needed': '13.7 leads a week',
    Bottleneck: 'B',
    'Win-rate achievement': '250%',
    'Cycle achievement': '62.2%',
    'Sales velocity (per day)': '$14,428.57',
    'Stalled deals': '5',
    'Overdue deals': '2 · $700,000 (weighted $275,000)',
  };
  for (const [name, value] of Object.entries(expected)) {
    assert.equal(await pp.output(name), value, name);
  }
  assert.match(await page.locator('.pipeline .notes').innerText(), /1 open deal has no close date/);
  assert.match(await page.locator('.pipeline .notes').innerText(), /1 won deal has no amount/);
});

test('pipeline by stage: rows from the deal list, read-only, adding up to the total as shown', async () => {
  assert.deepEqual(
    (await rows('Pipeline by stage')).map((r) => r.slice(1)),
    [
      ['2', '$300,000', '0.4', '$60,000'],
      ['1', '$300,000', '0.25', '$75,000'],
      ['1', '$250,000', '0', '$0'],
      ['2', '$500,000', '1.6', '$400,000'],
    ],
  );
  assert.deepEqual(await rows('Pipeline by stage', 'tfoot'), [['Total', '6', '$1,350,000', '2.25', '$535,000']]);
  const inputs = page.getByRole('table', { name: 'Pipeline by stage' }).getByLabel('Open deals', { exact: true });
  assert.equal(await inputs.count(), 4);
  assert.equal(await inputs.first().getAttribute('readonly'), '');
});

test('balance and observed win rates', async () => {
  assert.deepEqual(await rows('Balance'), [
    ['A', '12', '2', '0.17×'],
    ['B', '6', '3', '0.5×'],
    ['C', '5', '2', '0.4×'],
    ['D', '3', '2', '0.67×'],
  ]);
  assert.deepEqual(await rows('Observed win rates'), [
    ['A', '20%', '60% *', '27.2%–85.7%', '5'],
    ['B', '40%', '75% *', '35.6%–94.2%', '4'],
    ['C', '50%', '75% *', '35.6%–94.2%', '4'],
    ['D', '80%', '100% *', '52.6%–100%', '3'],
  ]);
});

test('overdue, stalled and undated deals are flagged in the list', async () => {
  const marks = await page.getByRole('table', { name: 'Deals' }).locator('tbody tr').evaluateAll((trs) =>
    trs.map((tr) => [tr.querySelector('input').value, [...tr.querySelectorAll('.mark')].map((m) => m.textContent).join(' ')]),
  );
  const of = Object.fromEntries(marks);
  assert.equal(of.Delta, 'overdue');
  assert.equal(of.Echo, 'overdue stalled');
  assert.equal(of.Bravo, 'stalled');
  assert.equal(of.India, 'stalled no close date');
  assert.equal(of.Alpha, '');
  await pp.label('Show').selectOption({ label: 'Overdue deals' });
  assert.deepEqual((await rows('Deals')).map((r) => r[0]), ['Delta', 'Echo']);
  await pp.label('Show').selectOption({ label: 'All deals' });
});

test('"Use observed rates" puts the observed win rates into the plan, and Undo takes them back', async () => {
  await page.getByRole('button', { name: 'Use observed rates' }).click();
  await pp.openPlan();
  const rates = await pp.label('Win rate (%)').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(rates, ['60', '75', '75', '100', '100', '0']);
  await page.getByRole('button', { name: 'Undo' }).click();
  assert.deepEqual(await pp.label('Win rate (%)').evaluateAll((els) => els.map((e) => e.value)), ['20', '40', '50', '80', '100', '0']);
  await pp.openPipeline();
});

test('the tab bar: arrow keys, the address, and the screen remembered over a reload', async () => {
  const tabs = page.getByRole('tablist');
  assert.deepEqual(await tabs.getByRole('tab').allInnerTexts(), ['Plan', 'Pipeline', 'Compare', 'What-if']);
  const pipelineTab = page.getByRole('tab', { name: 'Pipeline' });
  assert.equal(await pipelineTab.getAttribute('aria-selected'), 'true');
  await pipelineTab.focus();
  await page.keyboard.press('ArrowLeft');
  assert.equal(await page.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected'), 'true');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-plan');
  assert.ok(page.url().endsWith('#plan'));
  await page.keyboard.press('End');
  assert.ok(page.url().endsWith('#what-if'));
  assert.equal(await page.evaluate(() => document.activeElement.id), 'tab-what-if');
  await page.keyboard.press('ArrowRight');
  assert.ok(page.url().endsWith('#plan'), 'arrows wrap around');
  await page.keyboard.press('ArrowRight');
  assert.ok(page.url().endsWith('#pipeline'));
  await page.getByRole('tabpanel', { name: 'Pipeline' }).waitFor();
  await page.waitForTimeout(600);
  await page.reload();
  await pp.deals().waitFor();
  assert.equal(await pipelineTab.getAttribute('aria-selected'), 'true');
  await page.getByText('Deals 1–14 of 14').waitFor();
});

test('add, edit, delete and undo a deal; focus follows', async () => {
  await page.getByRole('button', { name: 'Add deal' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
  let active;
  await page.keyboard.type('Zulu');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Zeta Corp');
  await page.keyboard.press('Tab');
  await page.keyboard.type('$40,000');
  await page.keyboard.press('Tab');
  const first = page.getByRole('table', { name: 'Deals' }).locator('tbody tr').first();
  assert.equal(await first.getByLabel('Amount').inputValue(), '40000');
  // A bad amount stays in its field, marked, with the reason.
  await first.getByLabel('Amount').fill('forty');
  await first.getByLabel('Amount').press('Tab');
  assert.equal(await first.getByLabel('Amount').getAttribute('aria-invalid'), 'true');
  const msg = await first.getByLabel('Amount').getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${msg}"]`).innerText(), /forty/);
  await first.getByLabel('Amount').fill('40000');
  await first.getByLabel('Amount').press('Tab');
  assert.equal(await first.getByLabel('Amount').getAttribute('aria-invalid'), null);
  // Ctrl+Z while a cell is being edited takes back only what was typed there.
  await first.getByLabel('Name').click();
  await page.keyboard.press('End');
  await page.keyboard.type('xyz');
  await page.keyboard.press('Control+z');
  assert.equal(await first.getByLabel('Name').inputValue(), 'Zulu');
  assert.equal(await first.getByLabel('Amount').inputValue(), '40000');
  await first.getByRole('button', { name: 'Delete deal' }).click();
  await page.getByText('Deals 1–14 of 14').waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Delete deal');
  active = await page.evaluate(() => document.activeElement.textContent);
  assert.equal(active, 'Delete deal', 'focus on the row that took its place');
  await page.keyboard.press('Control+z');
  await page.getByText('Deals 1–15 of 15').waitFor();
  await page.waitForFunction(() => document.activeElement?.value === 'Zulu');
  active = await page.evaluate(() => document.activeElement.value);
  assert.equal(active, 'Zulu', 'undo brings the deal back and focus to it');
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Deals 1–14 of 14').waitFor();
});

test('what the break-it pass found: refused values say what counts, the filter keeps its own undo, paging and deleting keep focus on a control, the probability shows its unit', async () => {
  const first = page.getByRole('table', { name: 'Deals' }).locator('tbody tr').first();
  const before = await pp.output('Weighted forecast');
  // A refused amount says that the figures still use the old one.
  const amount = first.getByLabel('Amount');
  const old = await amount.inputValue();
  await amount.fill('-5');
  await amount.press('Tab');
  const msg = await amount.getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${msg}"]`).innerText(), new RegExp(`Not applied: the figures still use “${old}”`));
  assert.equal(await pp.output('Weighted forecast'), before);
  // A refused probability where the deal has none: the stage's win rate counts.
  const probability = first.getByLabel('Probability');
  assert.equal(await probability.inputValue(), '');
  await probability.fill('150');
  await probability.press('Tab');
  const pmsg = await probability.getAttribute('aria-describedby');
  assert.match(await page.locator(`[id="${pmsg}"]`).innerText(), /Not applied: the figures still use the stage's win rate/);
  // Both refused cells of the row stay marked.
  assert.equal(await amount.getAttribute('aria-invalid'), 'true');
  await amount.fill(old);
  await amount.press('Tab');
  assert.equal(await amount.getAttribute('aria-invalid'), null);
  await probability.fill('');
  await probability.press('Tab');
  assert.equal(await probability.getAttribute('aria-invalid'), null);
  // The probability column shows its unit.
  assert.equal(await first.locator('td.pct .unit').innerText(), '%');
  // Ctrl+Z in the filter is the browser's own: it never takes back the import.
  const filter = pp.label('Filter deals');
  await filter.click();
  await page.keyboard.type('Go');
  await page.keyboard.press('Control+z');
  await page.waitForTimeout(400);
  assert.equal(await page.getByRole('table', { name: 'Deals' }).locator('tbody tr').count() > 0, true);
  await filter.fill('');
  await page.getByText('Deals 1–14 of 14').waitFor();
  // Add deals to make a second page: paging to it keeps focus on a button.
  for (let i = 0; i < 12; i++) await page.getByRole('button', { name: 'Add deal' }).click();
  await page.getByText('Deals 1–25 of 26').waitFor();
  await page.getByRole('button', { name: 'Next page' }).focus();
  await page.keyboard.press('Enter');
  await page.getByText('Deal 26 of 26').waitFor();
  await page.waitForFunction(() => document.activeElement?.id === 'deals-prev');
  // Deleting the only row of the last page: focus goes to the last row of
  // the page before, never to "Add deal".
  await page.getByRole('table', { name: 'Deals' }).getByRole('button', { name: 'Delete deal' }).click();
  await page.getByText('Deals 1–25 of 25').waitFor();
  await page.waitForFunction(() => document.activeElement?.textContent === 'Delete deal');
  const last = await page.evaluate(() => document.activeElement.closest('tr') === document.querySelector('table.deals tbody tr:last-child'));
  assert.ok(last, 'focus on the last row of the page before');
  for (let i = 0; i < 13; i++) await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Deals 1–14 of 14').waitFor();
  assert.equal(await pp.output('Weighted forecast'), before);
});

test('sort by a column, and filter by name or account', async () => {
  const amount = pp.deals().getByRole('columnheader', { name: 'Amount', exact: true });
  await amount.getByRole('button').click();
  const amounts = (await rows('Deals')).map((r) => r[2]);
  assert.deepEqual(amounts.slice(0, 3), ['', '', '80000']);
  assert.equal(await amount.getAttribute('aria-sort'), 'ascending');
  await amount.getByRole('button').click();
  assert.equal((await rows('Deals'))[0][2], '600000');
  // An edit while sorted keeps the row (and focus) where it is; the order
  // follows on the next sort.
  const top = page.getByRole('table', { name: 'Deals' }).locator('tbody tr').first();
  await top.getByLabel('Amount').fill('1');
  await top.getByLabel('Amount').press('Tab');
  assert.equal((await rows('Deals'))[0][2], '1');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Stage');
  await page.keyboard.press('Control+z');
  await page.waitForFunction(() => document.querySelector('table.deals tbody input[id$="-amount"]').value === '600000');
  await pp.label('Filter deals').fill('gulf');
  // The list follows the filter a moment after the last keystroke.
  await page.getByText('Deal 1 of 1 shown (14 in all)').waitFor();
  assert.deepEqual((await rows('Deals')).map((r) => r[0]), ['Golf']);
  await pp.label('Filter deals').fill('');
  await page.getByText('Deals 1–14 of 14').waitFor();
});

test('the deals are saved and come back after a reload', async () => {
  await page.waitForTimeout(800);
  await page.reload();
  await page.getByText('Deals 1–14 of 14').waitFor();
  assert.equal(await pp.output('Weighted forecast'), '$1,135,000');
});

test('a deal list too large for the storage stays in memory and says so', async () => {
  // Fill the storage so that the next write of the deals fails.
  const fillers = await page.evaluate(() => {
    let size = 1024 * 1024;
    let i = 0;
    while (size >= 1) {
      try {
        localStorage.setItem(`filler-${i}`, 'x'.repeat(size));
        i += 1;
      } catch {
        size = Math.floor(size / 2);
      }
    }
    return i;
  });
  await page.getByRole('button', { name: 'Add deal' }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
  await page.keyboard.type('Big');
  await page.keyboard.press('Tab');
  await page.getByText(/deals could not be saved: the browser's storage is full/).waitFor({ timeout: 5000 });
  await page.getByText('Deals 1–15 of 15').waitFor();
  await page.evaluate((n) => {
    for (let i = 0; i < n; i++) localStorage.removeItem(`filler-${i}`);
  }, fillers);
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Deals 1–14 of 14').waitFor();
});

test('an unreadable saved deal list is kept as a backup and reported; the app starts', async () => {
  // Let the last edit's debounced save land first (a reload flushes it).
  await page.waitForTimeout(800);
  await page.evaluate(() => localStorage.setItem('funnel-calculator.pipeline', '{"version":1,"pipeline":{"deals":[{"id":"x"'));
  await page.reload();
  await pp.deals().waitFor();
  assert.match(await page.getByRole('alert').innerText(), /funnel-calculator\.backup\./);
  const backups = await page.evaluate(() =>
    Object.keys(localStorage).filter((k) => k.startsWith('funnel-calculator.backup')).map((k) => localStorage.getItem(k)),
  );
  assert.ok(backups.includes('{"version":1,"pipeline":{"deals":[{"id":"x"'), 'kept byte for byte');
  await page.getByText('No deals yet.').waitFor();
  // The plan was not touched.
  assert.equal(await pp.output('Required coverage'), '5×');
});

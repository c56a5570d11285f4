// End to end, against the release build: CSV files as CRMs and spreadsheets
// really write them (tests/fixtures/README.md), imported through the
// browser's file picker. Each gives the weighted forecast worked out by
// hand; bad rows are listed by line before anything is applied, and
// nothing already in the list is lost unless the user chose "replace".
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { openApp } from './pipeline-page.mjs';

let app;
let page;
let pp;

before(async () => {
  app = await openApp();
  ({ page, pp } = app);
  await pp.setUpQ1Plan();
  await pp.openPipeline();
});
after(() => app.close());

const fileLine = () => page.locator('.import-panel .file-line').innerText();

async function applyAndCheck(count, weighted) {
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText(`Deals 1–${count} of ${count}`).waitFor();
  assert.equal(await pp.output('Weighted forecast'), weighted);
}

test('a GB18030 file from Chinese Excel, with Chinese headers and yyyy/m/d dates', async () => {
  await pp.importFile('gb18030-chinese.csv', { apply: false, replace: true });
  assert.match(await fileLine(), /GB18030/);
  await pp.applyReady();
  assert.deepEqual(
    (await pp.leftOut()).map((r) => r[0]),
    ['8'],
    'the 元 (CNY) amount on a USD plan is refused, not converted',
  );
  assert.match((await pp.leftOut())[0][1], /CNY|元/);
  assert.match(await page.locator('.import-panel').innerText(), /1 open deal has no close date/);
  await applyAndCheck(7, '$515,750');
  assert.equal(await page.getByRole('table', { name: 'Deals' }).locator('tbody tr').first().getByLabel('Name').inputValue(), '华东区ERP升级');
});

test('UTF-8 with BOM and CRLF, quoted line breaks and doubled quotes', async () => {
  await pp.importFile('utf8-bom-crlf.csv', { apply: false, replace: true });
  assert.match(await fileLine(), /UTF-8 with byte-order mark/);
  await pp.applyReady();
  assert.deepEqual(await pp.leftOut(), []);
  await applyAndCheck(6, '$1,076,627.50');
  const names = await page.getByRole('table', { name: 'Deals' }).getByLabel('Name').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(names.includes('Fleet renewal "Phase 2"'));
});

test('a report with title and footer lines and M/D/YYYY dates', async () => {
  await pp.importFile('report-title-footer.csv', { apply: false, replace: true });
  const line = await fileLine();
  assert.match(line, /header on line 5/);
  assert.match(line, /3 title lines above the header skipped · 3 footer lines below the data skipped/);
  assert.equal(await pp.label('Close date: date order').evaluate((s) => s.selectedOptions[0].textContent), 'month/day/year');
  // "Closed Lost" has no lost stage in this plan: listed until mapped, and
  // applying asks once before leaving its row out.
  await pp.applyReady();
  assert.deepEqual(await pp.leftOut(), [['10', 'Stage “Closed Lost” is not mapped to a plan stage.']]);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText(/Apply import again to leave the rows of unmapped stages out/).waitFor();
  await applyAndCheck(4, '$191,500');
});

test('HubSpot probabilities as fractions, and stages mapped by hand', async () => {
  await pp.importFile('hubspot-fractions.csv', { apply: false, replace: true });
  // Moving through a column's choices with the arrow keys and back leaves
  // every other column as it was (the meanings swap, never vanish).
  const name = pp.label('Deal Name');
  await name.focus();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await pp.applyReady();
  const mapping = page.getByRole('table', { name: 'Column mapping' });
  assert.equal(await mapping.getByLabel('Amount', { exact: true }).evaluate((s) => s.selectedOptions[0].textContent), 'Amount (required)');
  assert.equal(await name.evaluate((s) => s.selectedOptions[0].textContent), 'Name');
  assert.equal(await pp.label('Probabilities are').evaluate((s) => s.selectedOptions[0].textContent), 'fractions of one (0.35 = 35 %)');
  await pp.label('closedlost').selectOption({ label: 'B' });
  await pp.label('Closed Lost').selectOption({ label: 'B' });
  await page.waitForFunction(() => document.querySelectorAll('.import-panel tr.unmapped').length === 0);
  await pp.applyReady();
  assert.deepEqual(await pp.leftOut(), []);
  await applyAndCheck(7, '$35,700');
});

test('a Pipedrive export, every header prefixed with its entity', async () => {
  await pp.importFile('pipedrive.csv', { apply: false, replace: true });
  await pp.applyReady();
  assert.deepEqual(await pp.leftOut(), []);
  await applyAndCheck(5, '$14,600');
});

test('Excel serial day numbers', async () => {
  await pp.importFile('excel-serial.csv', { apply: false, replace: true });
  await pp.applyReady();
  await applyAndCheck(6, '$72,000');
  const first = page.getByRole('table', { name: 'Deals' }).locator('tbody tr').first();
  assert.equal(await first.getByLabel('Close date').inputValue(), '2027-01-15');
});

test('dd-mm-yy dates, semicolons and decimal commas', async () => {
  await pp.importFile('dd-mm-yy.csv', { apply: false, replace: true });
  assert.match(await fileLine(), /semicolons/);
  assert.equal(await pp.label('Decimal mark in amounts').evaluate((s) => s.selectedOptions[0].textContent), 'comma (1.355,90)');
  assert.equal(await pp.label('Close date: date order').evaluate((s) => s.selectedOptions[0].textContent), 'day/month/year');
  await pp.applyReady();
  await applyAndCheck(6, '$14,842.42');
  const amounts = await page.getByRole('table', { name: 'Deals' }).getByLabel('Amount').evaluateAll((els) => els.map((e) => e.value));
  assert.deepEqual(amounts.slice(0, 2), ['1355.9', '3000']);
});

test('a pivot table imports nothing and says why; the list is untouched', async () => {
  await pp.importFile('pivot.csv', { apply: false });
  const alert = page.getByRole('alert');
  await alert.waitFor();
  assert.match(await alert.innerText(), /pivot table/);
  assert.equal(await page.getByRole('button', { name: 'Apply import' }).count(), 0);
  // Escape leaves the import as Cancel does.
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.activeElement?.id === 'import-csv');
  assert.equal(await page.getByRole('heading', { name: 'Import deals from CSV' }).count(), 0);
  await page.getByText('Deals 1–6 of 6').waitFor();
});

test('bad rows are listed by line before anything is applied, and adding keeps the deals already there', async () => {
  await pp.importFile('bad-rows.csv', { apply: false });
  await pp.applyReady();
  const lines = [...new Set((await pp.leftOut()).map((r) => r[0]))];
  assert.deepEqual(lines, ['3', '4', '5', '6', '9', '10', '11', '12']);
  const notes = await page.locator('.import-panel .notes').innerText();
  assert.match(notes, /1 open deal has no close date/);
  assert.match(notes, /1 open deal has no amount/);
  assert.match(notes, /1 won deal has no amount/);
  // Nothing has changed yet.
  await page.getByText('Deals 1–6 of 6').waitFor();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText(/Apply import again/).waitFor();
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText('Deals 1–10 of 10').waitFor();
  // After applying, the rows left out are still reported.
  assert.equal(await page.locator('.import-done').innerText(), 'Imported 4 deals. 8 rows were left out (lines 3, 4, 5, 6, 9, 10, 11, 12).');
  // One undo step takes the whole import back.
  await page.getByRole('button', { name: 'Undo' }).click();
  await page.getByText('Deals 1–6 of 6').waitFor();
});

test('Export CSV writes the list with the deal list column names; importing it gives back the same list', async () => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const file = await (await download).path();
  const text = readFileSync(file, 'utf8');
  assert.equal(text.split(/\r?\n/)[0], 'Name,Account,Amount,Stage,Status,Close date,In stage since,Probability,Created');
  assert.match(text, /Maschinenbau,[^,]*,1355\.9,B,Open,2027-01-15/);
  const before = await page.getByRole('table', { name: 'Deals' }).locator('tbody').innerText();
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Import CSV' }).click();
  await (await chooser).setFiles(file);
  await page.getByRole('radio', { name: 'Replace the deal list' }).check();
  await pp.applyReady();
  assert.deepEqual(await pp.leftOut(), []);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText('Deals 1–6 of 6').waitFor();
  assert.equal(await page.getByRole('table', { name: 'Deals' }).locator('tbody').innerText(), before);
  const again = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  assert.equal(readFileSync(await (await again).path(), 'utf8'), text);
});

test('10,000 rows import with progress, and the page keeps working', async () => {
  await pp.importFile('deals-10000.csv', { apply: false, replace: true });
  await pp.applyReady(20000);
  await page.getByRole('button', { name: 'Apply import' }).click();
  await page.getByText('Deals 1–25 of 10,000').waitFor({ timeout: 20000 });
  assert.match(await pp.output('Weighted forecast'), /^\$/);
  assert.match(await pp.output('P50'), /^\$/);
  assert.match(await pp.output('Chance to hit target'), /%$/);
  await page.getByRole('button', { name: 'Next page' }).click();
  await page.getByText('Deals 26–50 of 10,000').waitFor();
});

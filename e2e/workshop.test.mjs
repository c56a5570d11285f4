// End to end, against the release build: scenarios (new, duplicate, rename,
// delete and undo, switch, saved at once, an old save migrated), worked
// examples, stage notes, share links (opened in a fresh profile, cut short,
// altered, the golden v1 link) and JSON files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { openPlan, closePlan, EXAMPLE_3 } from './plan-page.mjs';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures');

/** The saved state, parsed. */
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? 'null'));

/** The scenario select's options, in order, and the selected one. */
async function scenarios(page) {
  return page.getByLabel('Scenario', { exact: true }).evaluate((s) => ({
    names: [...s.options].map((o) => o.textContent.trim()),
    open: s.selectedOptions[0]?.textContent.trim(),
  }));
}

/** Waits until the element with this id has focus (focus moves on the next frame). */
async function expectFocus(page, id) {
  await page.waitForFunction((want) => document.activeElement?.id === want, id, { timeout: 3000 }).catch(() => {});
  assert.equal(await page.evaluate(() => document.activeElement?.id), id);
}

/** Makes a share link of the open scenario through "Copy share link". */
async function shareLink(page) {
  await page.getByRole('button', { name: 'Copy share link' }).click();
  const field = page.getByRole('textbox', { name: 'Share link', exact: true });
  await field.waitFor();
  return field.inputValue();
}

const QUOTA_6M = [
  ['A', '300'],
  ['B', '150'],
  ['C', '120'],
  ['D', '75'],
  ['E', '60'],
];

test('new, duplicate, rename, delete with undo, and switch: each saved at once, figures follow', async () => {
  const { env, page, plan } = await openPlan();
  try {
    await page.getByRole('button', { name: 'New scenario' }).click();
    assert.deepEqual(await scenarios(page), { names: ['Scenario 1', 'Scenario 2'], open: 'Scenario 2' });
    // Saved at once, not after the debounce.
    assert.equal((await saved(page)).scenarios.length, 2);
    await expectFocus(page, 'scenario-select');
    await plan.expectRequired(EXAMPLE_3);

    await plan.label('Revenue target').fill('6000000');
    await plan.expectRequired(QUOTA_6M);
    await page.getByRole('button', { name: 'Duplicate scenario' }).click();
    assert.deepEqual((await scenarios(page)).names, ['Scenario 1', 'Scenario 2', 'Scenario 2 (copy)']);
    await plan.expectRequired(QUOTA_6M);
    // An independent copy: editing it leaves the original.
    await plan.label('Revenue target').fill('3000000');
    await plan.expectRequired(EXAMPLE_3);
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Scenario 2' });
    await plan.expectRequired(QUOTA_6M);

    await page.getByRole('button', { name: 'Rename scenario' }).click();
    await expectFocus(page, 'scenario-name');
    await page.getByLabel('Scenario name', { exact: true }).fill('Q1 漏斗 <b>x</b>');
    await page.keyboard.press('Enter');
    assert.equal((await scenarios(page)).open, 'Q1 漏斗 <b>x</b>');
    await expectFocus(page, 'rename-scenario');

    await page.getByRole('button', { name: 'Delete scenario' }).click();
    assert.deepEqual((await scenarios(page)).names, ['Scenario 1', 'Scenario 2 (copy)']);
    await page.getByRole('button', { name: 'Undo' }).click();
    assert.deepEqual(await scenarios(page), {
      names: ['Scenario 1', 'Q1 漏斗 <b>x</b>', 'Scenario 2 (copy)'],
      open: 'Q1 漏斗 <b>x</b>',
    });
    await plan.expectRequired(QUOTA_6M);

    // After a reload: the same scenarios, the same one open, its figures.
    await page.waitForTimeout(600);
    await plan.reload();
    assert.deepEqual(await scenarios(page), {
      names: ['Scenario 1', 'Q1 漏斗 <b>x</b>', 'Scenario 2 (copy)'],
      open: 'Q1 漏斗 <b>x</b>',
    });
    await plan.expectRequired(QUOTA_6M);
    await page.getByLabel('Scenario', { exact: true }).selectOption({ label: 'Scenario 1' });
    await plan.expectRequired(EXAMPLE_3);
  } finally {
    await closePlan(env);
  }
});

test('a version 1 save opens as scenario 1, its one note read as the purpose', async () => {
  const { env, page, plan } = await openPlan();
  try {
    await page.evaluate(() => {
      localStorage.clear();
      localStorage.setItem(
        'funnel-calculator',
        JSON.stringify({
          version: 1,
          settings: { lang: 'En', show_working: false, screen: 'Plan' },
          plan: {
            stages: [
              { id: 1, key: null, name: 'Lead', rate: '25', exact: null, dwell: '7', notes: 'Find budget holders' },
              { id: 2, key: null, name: 'Won', rate: '100', exact: null, dwell: '', notes: '' },
            ],
            next_id: 3, mode: 'WinRate', preset: null, target_by: 'Deals', revenue: '', deal_size: '1000',
            deals: '5', confidence: '90', currency: 'USD', period: 'Weeks', period_start: '2027-01-04',
            period_end: '', weeks: '12', today: '', leads_per_rep: '5',
          },
        }),
      );
    });
    await plan.reload();
    assert.deepEqual(await scenarios(page), { names: ['Scenario 1'], open: 'Scenario 1' });
    await plan.expectRequired([['Lead', '20'], ['Won', '5']]);
    assert.equal(await page.getByLabel('Purpose', { exact: true }).inputValue(), 'Find budget holders');
  } finally {
    await closePlan(env);
  }
});

test('worked examples open whole, and stage notes are edited and kept', async () => {
  const { env, page, plan } = await openPlan();
  try {
    await page.getByLabel('Worked examples', { exact: true }).selectOption({ label: 'Example 4 · Small projects over 12 weeks' });
    assert.equal((await scenarios(page)).open, 'Example 4 · Small projects over 12 weeks');
    assert.match(await plan.output('Deals needed').innerText(), /^120 deals/);
    // The preset's notes show until edited; an edit is kept after a reload.
    const purpose = page.getByLabel('Purpose', { exact: true });
    assert.ok((await purpose.inputValue()).length > 0, 'preset stages carry notes');
    await page.getByLabel('Notes of stage', { exact: true }).selectOption({ index: 1 });
    await page.getByLabel('Milestone', { exact: true }).fill('Customer signs the scope');
    await page.waitForTimeout(600);
    await plan.reload();
    await page.getByLabel('Notes of stage', { exact: true }).selectOption({ index: 1 });
    assert.equal(await page.getByLabel('Milestone', { exact: true }).inputValue(), 'Customer signs the scope');

    await page.getByLabel('Worked examples', { exact: true }).selectOption({ label: 'All seven, one scenario each' });
    assert.equal((await scenarios(page)).names.length, 2 + 7);
  } finally {
    await closePlan(env);
  }
});

test('a share link opens in a fresh browser with the same figures, unsaved until kept', async () => {
  const a = await openPlan();
  let link;
  try {
    await a.plan.label('Revenue target').fill('6000000');
    await a.plan.expectRequired(QUOTA_6M);
    link = await shareLink(a.page);
    assert.match(link, /#share=1\.[A-Za-z0-9_-]+$/);
    assert.ok(link.length < 2000);
  } finally {
    await closePlan(a.env);
  }
  const b = await openPlan();
  try {
    const before = await b.page.evaluate(() => localStorage.getItem('funnel-calculator'));
    const shared = link.replace(/^http:\/\/127\.0\.0\.1:\d+\//, b.env.url);
    await b.page.goto(shared);
    await b.page.getByRole('button', { name: 'Save as new scenario' }).waitFor();
    await b.plan.expectRequired(QUOTA_6M);
    await b.page.waitForTimeout(600);
    assert.equal(await b.page.evaluate(() => localStorage.getItem('funnel-calculator')), before, 'nothing saved yet');
    // A plain visit opens the saved work as before.
    await b.page.goto(b.env.url);
    await b.plan.table().waitFor();
    await b.plan.expectRequired(EXAMPLE_3);
    // Kept: a scenario of its own, saved.
    await b.page.goto(shared);
    await b.page.getByRole('button', { name: 'Save as new scenario' }).click();
    assert.deepEqual((await scenarios(b.page)).names, ['Scenario 1', 'Scenario 1']);
    assert.equal((await saved(b.page)).scenarios.length, 2);
    await b.plan.expectRequired(QUOTA_6M);

    // Cut by 1 and by 100 characters: "incomplete", nothing changed.
    for (const cut of [1, 100]) {
      await b.page.goto(b.env.url);
      await b.plan.table().waitFor();
      const stateBefore = await b.page.evaluate(() => localStorage.getItem('funnel-calculator'));
      await b.page.goto(shared.slice(0, shared.length - cut));
      await b.page.getByRole('alert').filter({ hasText: 'This link is incomplete' }).waitFor();
      assert.equal(await b.page.getByRole('button', { name: 'Save as new scenario' }).count(), 0);
      await b.plan.expectRequired(QUOTA_6M);
      await b.page.waitForTimeout(600);
      assert.equal(await b.page.evaluate(() => localStorage.getItem('funnel-calculator')), stateBefore);
    }
    // Altered by in-app browsers: still found.
    for (const altered of [shared + '&shareTo=weixin', shared.replace('#', '%23'), shared.replace('#', '?nsukey=abc#')]) {
      await b.page.goto(b.env.url);
      await b.plan.table().waitFor();
      await b.page.getByLabel('Scenario', { exact: true }).selectOption({ index: 0 });
      await b.plan.label('Revenue target').fill('3000000');
      await b.plan.expectRequired(EXAMPLE_3);
      await b.page.goto(altered);
      await b.page.getByRole('button', { name: 'Save as new scenario' }).waitFor();
      await b.plan.expectRequired(QUOTA_6M);
      await b.page.getByRole('button', { name: 'Back to my work' }).click();
      await b.plan.expectRequired(EXAMPLE_3);
    }
    // Only the fragment changes in an open tab: the same behaviour.
    await b.page.evaluate((h) => { location.hash = h; }, shared.slice(shared.indexOf('#') + 1));
    await b.page.getByRole('button', { name: 'Save as new scenario' }).waitFor();
    await b.plan.expectRequired(QUOTA_6M);
  } finally {
    await closePlan(b.env);
  }
});

test('the golden v1 link and v1 file keep opening; names stay text', async () => {
  const { env, page, plan } = await openPlan();
  try {
    const golden = readFileSync(join(FIXTURES, 'share-v1-link.txt'), 'utf8').replace(/\s+/g, '');
    await page.goto(env.url + golden.slice(golden.indexOf('#')));
    await page.getByRole('button', { name: 'Save as new scenario' }).waitFor();
    await plan.expectRequired([['线索 Leads', '100'], ['方案 <b>Proposal</b>', '40'], ['成交 Won', '20']]);
    assert.equal(await page.locator('b').count(), 0, 'names are text, not markup');
    await page.getByRole('button', { name: 'Back to my work' }).click();

    // The v1 file through "Import JSON": a new scenario, saved.
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await (await chooser).setFiles(join(FIXTURES, 'scenario-v1.json'));
    await page.getByText('as a new scenario').waitFor();
    assert.equal((await scenarios(page)).open, 'Workshop 工作坊 <script>');
    await plan.expectRequired([['线索 Leads', '100'], ['方案 <b>Proposal</b>', '40'], ['成交 Won', '20']]);

    // A UTF-16 file gets its own message.
    const dir = mkdtempSync(join(tmpdir(), 'funnel-json-'));
    const utf16 = join(dir, 'utf16.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(join(FIXTURES, 'scenario-v1.json'), 'utf8'), 'utf16le')]));
    const chooser2 = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await (await chooser2).setFiles(utf16);
    await page.getByText('saved as UTF-16').waitFor();
  } finally {
    await closePlan(env);
  }
});

test('names with bidi controls or right-to-left letters do not reorder the app\'s text around them', async () => {
  const { env, page } = await openPlan();
  try {
    // An open right-to-left override (U+202E) at the end of the scenario's
    // and the first stage's name, a Hebrew second stage.
    const doc = JSON.parse(readFileSync(join(FIXTURES, 'scenario-v1.json'), 'utf8'));
    doc.name = 'Q3 plan \u202E';
    doc.plan.stages[0].name = 'Leads \u202E';
    doc.plan.stages[1].name = 'שלב';
    const file = join(mkdtempSync(join(tmpdir(), 'funnel-bidi-')), 'bidi.json');
    writeFileSync(file, JSON.stringify(doc));
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await (await chooser).setFiles(file);
    const notice = page.locator('.share-file-message');
    await notice.getByText('as a new scenario').waitFor();

    // The name sits in its own isolate (U+2068 … U+2069) in the sentence ...
    const text = await notice.evaluate((p) => p.firstChild.textContent);
    assert.equal(text, 'Imported “\u2068Q3 plan \u202E\u2069” as a new scenario.');
    // ... and the sentence reads left to right, "Dismiss" after it.
    const order = await notice.evaluate((p) => {
      const node = p.firstChild;
      const at = (word) => {
        const r = document.createRange();
        const i = node.textContent.indexOf(word);
        r.setStart(node, i);
        r.setEnd(node, i + word.length);
        return r.getBoundingClientRect();
      };
      const [a, b] = [at('Imported'), at('scenario.')];
      return { imported: a.right, scenario: [b.left, b.right], dismiss: p.querySelector('button').getBoundingClientRect().left };
    });
    assert.ok(order.imported < order.scenario[0] && order.scenario[1] <= order.dismiss, JSON.stringify(order));
    // Typed names lose control characters (a paste of NUL and a tab).
    const stage = page.locator('#stage-3-name');
    await stage.fill('Won\u0000\tnow');
    await page.getByRole('table', { name: 'Required per stage' }).getByText('Won now', { exact: true }).waitFor();

    // The Compare chart's SVG labels: "Leads · 100" in that order on screen.
    await page.getByRole('tab', { name: 'Compare' }).click();
    const label = page.locator('.compare-side').first().locator('svg text').first();
    await label.waitFor();
    assert.equal(await label.textContent(), '\u2068Leads \u202E\u2069 · 100');
    const xs = await label.evaluate((t) => {
      const s = t.textContent;
      return ['L', '·', '1'].map((ch) => t.getStartPositionOfChar(s.indexOf(ch)).x);
    });
    assert.ok(xs[0] < xs[1] && xs[1] < xs[2], `L, ·, 1 left to right: ${xs}`);
    const hebrew = page.locator('.compare-side').first().locator('svg text', { hasText: 'שלב' }).first();
    const hx = await hebrew.evaluate((t) => {
      const s = t.textContent;
      return [t.getStartPositionOfChar(s.indexOf('ש')).x, t.getStartPositionOfChar(s.indexOf('·')).x];
    });
    assert.ok(hx[0] < hx[1], `the Hebrew name stays left of " · 40": ${hx}`);
    if (process.env.SHOTS) {
      mkdirSync(process.env.SHOTS, { recursive: true });
      await page.locator('.compare-charts').screenshot({ path: join(process.env.SHOTS, 'bidi-compare.png') });
    }

    // Present: the stage names are <bdi> elements.
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Present', exact: true }).click();
    const names = page.getByRole('dialog').locator('.present-stage-name');
    await names.first().waitFor();
    assert.deepEqual(await names.evaluateAll((els) => els.map((e) => e.tagName)), ['BDI']);
    await page.keyboard.press('Escape');
  } finally {
    await closePlan(env);
  }
});

test('the QR code dialog is modal: Tab stays in it, Esc closes it from anywhere, focus goes back', async () => {
  const { env, page } = await openPlan();
  try {
    const show = page.getByRole('button', { name: 'Show QR code' });
    await show.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Scan to open this scenario' });
    await dialog.waitFor();
    assert.equal(await dialog.evaluate((d) => d.matches(':modal')), true, 'opened with showModal()');
    await expectFocus(page, 'close-qr');
    const inside = () => page.evaluate(() => !!document.activeElement?.closest('dialog.qr-dialog'));
    for (const key of ['Tab', 'Tab', 'Tab', 'Shift+Tab', 'Shift+Tab']) {
      await page.keyboard.press(key);
      const outside = await page.evaluate(() => {
        const a = document.activeElement;
        return a && a !== document.body && !a.closest('dialog.qr-dialog') ? a.id || a.tagName : null;
      });
      assert.equal(outside, null, `after ${key}, focus is not on the page behind`);
    }
    // The page behind cannot be clicked either.
    assert.equal(await page.evaluate(() => {
      const b = document.getElementById('copy-share-link').getBoundingClientRect();
      return document.elementFromPoint(b.x + 2, b.y + 2)?.closest('dialog.qr-dialog') != null;
    }), true);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(page, 'show-qr');
    assert.equal(await inside(), false);

    // Again, closed with its button.
    await page.keyboard.press('Enter');
    await dialog.waitFor();
    await expectFocus(page, 'close-qr');
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'detached' });
    await expectFocus(page, 'show-qr');
  } finally {
    await closePlan(env);
  }
});

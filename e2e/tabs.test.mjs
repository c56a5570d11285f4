// End to end, against the release build: two tabs on the same save. An edit
// in one shows in the other (the plan, settings, a renamed scenario, a new
// deal); a tab that missed the other's saves (asleep: its `storage` events
// held back) never overwrites the newer work when it saves, on an edit or
// on `pagehide`, but takes it and says so, without taking focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { PlanPage } from './plan-page.mjs';

let env;
let a;
let b;
let pa;
let pb;

const NOTICE = 'Another tab saved newer changes; this tab now shows them.';

/** The saved state, parsed. */
const saved = (page) => page.evaluate(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? 'null'));

/** Waits until the saved revenue target is `want`. */
async function savedRevenue(page, want) {
  await page.waitForFunction((w) => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === w, want, {
    timeout: 5000,
  });
}

/** Waits until the page's revenue field shows `want`. */
async function shownRevenue(page, want) {
  await page.waitForFunction((w) => document.getElementById('revenue-target')?.value === w, want, { timeout: 5000 });
}

before(async () => {
  env = await start();
  // A tab "asleep": while `window.__sleep` is set, the app never hears of
  // the other tab's writes (registered before the app's own listener).
  await env.context.addInitScript(() => {
    window.addEventListener(
      'storage',
      (e) => {
        if (window.__sleep) e.stopImmediatePropagation();
        else if (window.__hold) {
          // Held back, to be heard later (`__release`): a save arriving
          // while an edit here waits for its own write.
          (window.__held ??= []).push(e);
          e.stopImmediatePropagation();
        }
      },
      true,
    );
    window.__release = () => {
      const held = window.__held ?? [];
      window.__held = [];
      window.__hold = false;
      for (const e of held) {
        const init = { key: e.key, oldValue: e.oldValue, newValue: e.newValue, url: e.url, storageArea: e.storageArea };
        window.dispatchEvent(new StorageEvent('storage', init));
      }
    };
  });
  a = env.context.pages()[0] ?? (await env.context.newPage());
  pa = new PlanPage(a);
  await pa.goto(env.url);
  b = await env.context.newPage();
  pb = new PlanPage(b);
  await pb.goto(env.url);
});

after(async () => {
  const errors = [...env.errors];
  await env.close();
  assert.deepEqual(errors, [], 'no errors in the pages');
});

test('an edit in one tab shows in the other: plan, settings, scenario name, deals', async () => {
  await pa.label('Revenue target').fill('6000000');
  await shownRevenue(b, '6000000');
  await b.waitForFunction(() => document.querySelector('#out-deals')?.textContent.startsWith('60 '));
  assert.equal((await saved(a)).revision >= 1, true, 'the save carries a revision');

  await a.getByRole('switch', { name: 'Show working' }).check();
  await b.waitForFunction(() => document.getElementById('show-working')?.checked === true, null, { timeout: 5000 });
  await a.getByRole('switch', { name: 'Show working' }).uncheck();
  await b.waitForFunction(() => document.getElementById('show-working')?.checked === false, null, { timeout: 5000 });

  await a.getByRole('button', { name: 'Rename scenario' }).click();
  await a.getByLabel('Scenario name', { exact: true }).fill('Q3 两个标签');
  await a.keyboard.press('Enter');
  await b.waitForFunction(
    () => document.getElementById('scenario-select')?.selectedOptions[0]?.textContent.trim() === 'Q3 两个标签',
    null,
    { timeout: 5000 },
  );

  await a.getByRole('tab', { name: 'Pipeline' }).click();
  await a.getByRole('button', { name: 'Add deal' }).click();
  await a.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
  await a.keyboard.type('Acme');
  await a.keyboard.press('Tab');
  // B stays on its own screen; its deal list has the new deal.
  await b.waitForTimeout(1000);
  assert.equal(await b.getByRole('tab', { name: 'Plan' }).getAttribute('aria-selected'), 'true');
  await b.getByRole('tab', { name: 'Pipeline' }).click();
  await b.getByText('Deal 1 of 1').waitFor({ timeout: 5000 });
  assert.equal(await b.getByRole('textbox', { name: 'Name', exact: true }).first().inputValue(), 'Acme');
  await b.getByRole('tab', { name: 'Plan' }).click();
  await a.getByRole('tab', { name: 'Plan' }).click();
  await pb.table().waitFor();
  assert.equal(await b.getByText(NOTICE).count(), 0, 'no notice when the tabs were in step');
});

test('a tab that missed newer saves does not overwrite them on an edit: it takes them and says so', async () => {
  await b.evaluate(() => {
    window.__sleep = true;
  });
  await pa.label('Revenue target').fill('9000000');
  await savedRevenue(a, '9000000');
  const newer = await a.evaluate(() => localStorage.getItem('funnel-calculator'));
  // B still shows what it last heard of, and edits it.
  await shownRevenue(b, '6000000');
  const field = pb.label('Revenue target');
  await field.click();
  await field.press('End');
  await b.keyboard.type('1');
  // The save is refused: B now shows A's work, and says so.
  await shownRevenue(b, '9000000');
  const notice = b.getByRole('status').filter({ hasText: NOTICE });
  await notice.waitFor({ timeout: 5000 });
  assert.match(await notice.innerText(), /Undo \(Ctrl\+Z\) brings it back/);
  assert.equal(await b.evaluate(() => localStorage.getItem('funnel-calculator')), newer, 'A\'s work is not overwritten');
  assert.equal(await b.evaluate(() => document.activeElement?.id), 'revenue-target', 'focus stays in the field');
  // Still nothing written after the debounce.
  await b.waitForTimeout(800);
  assert.equal(await b.evaluate(() => localStorage.getItem('funnel-calculator')), newer);

  // Undo brings B's own edit back, by choice: that is then saved.
  await b.getByRole('button', { name: 'Undo' }).click();
  await shownRevenue(b, '60000001');
  await savedRevenue(b, '60000001');
  // A (awake) follows.
  await shownRevenue(a, '60000001');
  // The next edit clears the notice.
  await pb.label('Revenue target').fill('6000000');
  await savedRevenue(b, '6000000');
  assert.equal(await b.getByText(NOTICE).count(), 0);
  await b.evaluate(() => {
    window.__sleep = false;
  });
});

test('a tab that missed newer saves does not overwrite them when it is left (pagehide)', async () => {
  await shownRevenue(a, '6000000');
  await b.evaluate(() => {
    window.__sleep = true;
  });
  await a.getByRole('button', { name: 'Rename scenario' }).click();
  await a.getByLabel('Scenario name', { exact: true }).fill('Newer in A');
  await a.keyboard.press('Enter');
  await pa.label('Revenue target').fill('8000000');
  await savedRevenue(a, '8000000');
  const newer = await a.evaluate(() => localStorage.getItem('funnel-calculator'));
  // B edits and leaves at once: the flush on `pagehide` must not write.
  await pb.label('Average deal size').fill('55000');
  await pb.goto(env.url);
  assert.equal(await b.evaluate(() => localStorage.getItem('funnel-calculator')), newer);
  await shownRevenue(b, '8000000');
  assert.equal(
    await b.getByLabel('Scenario', { exact: true }).evaluate((s) => s.selectedOptions[0]?.textContent.trim()),
    'Newer in A',
  );
});

test('a shared scenario on screen is not replaced by another tab\'s save', async () => {
  // B shows a shared scenario (saves suspended) while A saves.
  await a.getByRole('button', { name: 'Copy share link' }).click();
  const link = await a.getByRole('textbox', { name: 'Share link', exact: true }).inputValue();
  await pa.label('Revenue target').fill('3000000');
  await savedRevenue(a, '3000000');
  await b.goto(link.replace(/^http:\/\/127\.0\.0\.1:\d+\//, env.url));
  await b.getByRole('button', { name: 'Save as new scenario' }).waitFor();
  await shownRevenue(b, '8000000');
  const before = await b.evaluate(() => localStorage.getItem('funnel-calculator'));
  await pa.label('Revenue target').fill('4000000');
  await savedRevenue(a, '4000000');
  await b.waitForTimeout(800);
  await shownRevenue(b, '8000000');
  assert.notEqual(await b.evaluate(() => localStorage.getItem('funnel-calculator')), before);
  // Closing the shared scenario shows the saved work, as A saved it.
  await b.getByRole('button', { name: 'Back to my work' }).click();
  await shownRevenue(b, '4000000');
  assert.equal(await b.getByText(NOTICE).count(), 0);
});

test('an edit not saved yet when the other tab\'s save arrives is never lost silently: notice, Undo brings it back', async () => {
  await shownRevenue(b, '4000000');
  const stageName = () => pb.label('Stage name').first().inputValue();
  const theirs = await stageName();
  await b.evaluate(() => {
    window.__hold = true;
  });
  await pa.label('Revenue target').fill('5500000');
  await savedRevenue(a, '5500000');
  await b.waitForFunction(() => window.__held?.length > 0);
  // B types, and A's save arrives while B's write still waits (400 ms).
  await pb.label('Stage name').first().fill('Typed in B');
  await b.evaluate(() => window.__release());
  await shownRevenue(b, '5500000');
  const notice = b.getByRole('status').filter({ hasText: NOTICE });
  await notice.waitFor({ timeout: 3000 });
  assert.match(await notice.innerText(), /Undo \(Ctrl\+Z\) brings it back/);
  assert.equal(await stageName(), theirs, 'B shows what A saved');
  assert.notEqual(theirs, 'Typed in B');
  await b.waitForTimeout(800);
  assert.equal((await saved(b)).plan.revenue, '5500000', 'A\'s save is not overwritten');
  // Undo brings B's edit back; it is then saved, and A follows.
  await b.getByRole('button', { name: 'Undo' }).click();
  const typed = async (page) => {
    for (let i = 0; i < 50 && (await page.getByLabel('Stage name', { exact: true }).first().inputValue()) !== 'Typed in B'; i++) {
      await page.waitForTimeout(100);
    }
    assert.equal(await page.getByLabel('Stage name', { exact: true }).first().inputValue(), 'Typed in B');
  };
  await typed(b);
  await typed(a);
  assert.equal((await saved(b)).plan.stages[0].name, 'Typed in B');

  // With nothing unsaved in B, A's save shows there without a notice.
  await pb.label('Average deal size').fill('50000');
  await b.waitForTimeout(800);
  await pa.label('Revenue target').fill('5600000');
  await shownRevenue(b, '5600000');
  await b.waitForTimeout(300);
  assert.equal(await b.getByText(NOTICE).count(), 0);
});

test('a save from a newer version of the calculator in another tab: said at once, never written over', async () => {
  const future = await a.evaluate(() => {
    const o = JSON.parse(localStorage.getItem('funnel-calculator'));
    o.version = 99;
    o.revision += 1;
    o.plan.revenue = '9900000';
    o.new_field = 'from the future';
    const s = JSON.stringify(o);
    localStorage.setItem('funnel-calculator', s);
    return s;
  });
  const status = b.getByRole('status');
  await status.getByText(/saved by a newer version of the calculator in another tab/).waitFor({ timeout: 3000 });
  await status.getByRole('button', { name: 'Export JSON' }).waitFor();
  // B's edits are kept on screen, never written over the newer save.
  const field = pb.label('Average deal size');
  await field.fill('77777');
  const id = await field.getAttribute('id');
  await b.waitForTimeout(900);
  assert.equal(await b.evaluate(() => localStorage.getItem('funnel-calculator')), future);
  await status.getByText(/newer version/).waitFor();
  assert.equal(await b.evaluate(() => document.activeElement?.id), id, 'focus stays in the field');
});

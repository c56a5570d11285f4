// End to end, against the release build: a full storage and a blocked one.
// The page says so at once, keeps the work in memory, offers Export JSON
// right in the message (the file has what is on screen), never touches the
// last good save, and the message goes when a later save succeeds.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { start } from './harness.mjs';
import { PlanPage } from './plan-page.mjs';

/** Fills the storage with junk keys until it refuses (QuotaExceededError); returns how many. */
const fill = (page) =>
  page.evaluate(() => {
    let size = 1024 * 1024;
    let i = 0;
    let refused = '';
    while (size >= 1) {
      try {
        localStorage.setItem(`junk-${i}`, 'x'.repeat(size));
        i += 1;
      } catch (e) {
        refused = e.name;
        size = Math.floor(size / 2);
      }
    }
    return { n: i, refused };
  });

/** Clicks the status line's "Export JSON" and returns the file's JSON. */
async function exportFromStatus(page) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('status').getByRole('button', { name: 'Export JSON' }).click(),
  ]);
  return JSON.parse(readFileSync(await download.path(), 'utf8'));
}

test('a full storage: said at once, Export JSON in the message, the last good save intact, gone once a save works', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    await plan.label('Revenue target').fill('6000000');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === '6000000');
    const good = await page.evaluate(() => localStorage.getItem('funnel-calculator'));
    const { n, refused } = await fill(page);
    assert.equal(refused, 'QuotaExceededError');

    // Typing goes on (an edit that makes the save longer, so it cannot
    // fit); the failed save is reported without taking focus.
    const field = plan.label('Stage name').first();
    const name = 'Qualified leads from the spring campaign';
    await field.fill(name);
    const status = page.getByRole('status');
    await status.getByText(/could not be saved/).waitFor({ timeout: 3000 });
    const id = await field.getAttribute('id');
    const focused = () => page.evaluate(() => [document.activeElement?.id, document.activeElement?.value]);
    assert.deepEqual(await focused(), [id, name], 'focus stays in the field');
    await page.keyboard.type(' 2');
    await page.waitForTimeout(700);
    assert.deepEqual(await focused(), [id, `${name} 2`], 'the work is kept in memory');
    assert.equal(await page.evaluate(() => localStorage.getItem('funnel-calculator')), good, 'the last good save is byte for byte intact');

    const file = await exportFromStatus(page);
    assert.equal(file.format, 'funnel-calculator.scenario');
    assert.equal(file.plan.stages[0].name, `${name} 2`, 'the file has what is on screen');
    assert.equal(file.plan.revenue, '6000000');

    // Room again: the next edit is saved and the message goes.
    await page.evaluate((count) => {
      for (let i = 0; i < count; i++) localStorage.removeItem(`junk-${i}`);
    }, n);
    await plan.label('Revenue target').fill('7500000');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === '7500000', null, {
      timeout: 3000,
    });
    await page.waitForFunction(() => !document.querySelector('.status')?.textContent.includes('could not be saved'));
    assert.equal(await status.getByRole('button', { name: 'Export JSON' }).count(), 0);
    assert.deepEqual(env.errors, [], 'no errors in the page');
  } finally {
    await env.close();
  }
});

test('a blocked storage: the app starts, works, says it cannot save and offers Export JSON', async () => {
  const env = await start();
  try {
    await env.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    const status = page.getByRole('status');
    await status.getByText(/Can't save/).waitFor();
    await plan.label('Revenue target').fill('6000000');
    await page.waitForFunction(() => document.querySelector('#out-deals')?.textContent.startsWith('60 '));
    await page.waitForTimeout(600);
    assert.equal(await page.evaluate(() => document.activeElement?.id), 'revenue-target', 'focus stays in the field');
    const file = await exportFromStatus(page);
    assert.equal(file.plan.revenue, '6000000');
    assert.deepEqual(env.errors, [], 'no errors in the page');
  } finally {
    await env.close();
  }
});

test('中文: the messages and the button in Chinese', async () => {
  const env = await start({ locale: 'zh-CN' });
  try {
    await env.context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await page.goto(env.url);
    const status = page.getByRole('status');
    await status.getByText(/无法保存/).waitFor();
    await status.getByRole('button', { name: '导出 JSON' }).waitFor();
  } finally {
    await env.close();
  }
});

test('a deal list that failed to save is written once there is room, with the next save of anything; a reload keeps it', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    await plan.label('Revenue target').fill('6000000');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === '6000000');
    const { n } = await fill(page);
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.getByRole('button', { name: 'Add deal' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
    await page.keyboard.type('Kept deal');
    await page.keyboard.press('Tab');
    const status = page.getByRole('status');
    // One deal: the storage is full, not the list too large.
    await status.getByText("The deals could not be saved: the browser's storage is full.").waitFor({ timeout: 3000 });
    assert.equal(await page.getByText(/too many/).count(), 0);
    await page.evaluate((count) => {
      for (let i = 0; i < count; i++) localStorage.removeItem(`junk-${i}`);
    }, n);
    // An edit of the plan only: the deals are written with it.
    await page.getByRole('tab', { name: 'Plan' }).click();
    await plan.label('Revenue target').fill('6100000');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator.pipeline') ?? '{}').pipeline?.deals?.length === 1, null, {
      timeout: 3000,
    });
    await page.waitForFunction(() => !document.querySelector('.status')?.textContent.includes('could not be saved'));
    await page.reload();
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.getByText('Deal 1 of 1').waitFor({ timeout: 5000 });
    assert.equal(await page.getByRole('textbox', { name: 'Name', exact: true }).first().inputValue(), 'Kept deal');
    assert.deepEqual(env.errors, [], 'no errors in the page');
  } finally {
    await env.close();
  }
});

test('the plan not saved stays the message after a deal list saves; all is written once it can be', async () => {
  const env = await start();
  try {
    // Writes of the plans fail (as on a full storage) while `__failPlan` is set.
    await env.context.addInitScript(() => {
      const set = Storage.prototype.setItem;
      Storage.prototype.setItem = function (k, v) {
        if (window.__failPlan && k === 'funnel-calculator') throw new DOMException('full', 'QuotaExceededError');
        return set.call(this, k, v);
      };
    });
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    await plan.label('Revenue target').fill('6000000');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === '6000000');
    await page.evaluate(() => {
      window.__failPlan = true;
    });
    await page.getByRole('button', { name: 'New scenario' }).click();
    await plan.label('Revenue target').fill('1234567');
    const status = page.locator('.status');
    await status.getByText(/Your work could not be saved/).waitFor({ timeout: 3000 });
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    await page.getByRole('button', { name: 'Add deal' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
    await page.keyboard.type('Small');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => localStorage.getItem('funnel-calculator.pipeline.2') !== null, null, { timeout: 3000 });
    await page.waitForTimeout(300);
    assert.match(await status.innerText(), /Your work could not be saved/);
    assert.doesNotMatch(await status.innerText(), /The deals could not be saved/);
    await page.evaluate(() => {
      window.__failPlan = false;
    });
    await page.getByRole('textbox', { name: 'Name', exact: true }).first().fill('Small deal');
    await page.keyboard.press('Tab');
    await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').scenarios?.length === 2, null, {
      timeout: 3000,
    });
    await page.waitForFunction(() => !document.querySelector('.status')?.textContent.includes('could not be saved'));
    await page.reload();
    await page.getByText('Deal 1 of 1').waitFor({ timeout: 5000 });
    await page.getByRole('tab', { name: 'Plan' }).click();
    await plan.table().waitFor();
    assert.equal(await plan.label('Revenue target').inputValue(), '1234567');
    assert.deepEqual(env.errors, [], 'no errors in the page');
  } finally {
    await env.close();
  }
});

test('a save from a newer version at start: said so, kept as a backup', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await page.goto(`${env.url}favicon.svg`);
    await page.evaluate(() => localStorage.setItem('funnel-calculator', '{"version":99,"revision":3,"plan":{"revenue":"1"}}'));
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    await page.getByRole('alert').getByText(/from a newer version of the calculator \(format 99\)/).waitFor({ timeout: 5000 });
    // The page opened to write the save asks for a favicon.ico (404).
      assert.deepEqual(env.errors.filter((e) => !/404/.test(e)), [], 'no errors in the page');
  } finally {
    await env.close();
  }
});

test('an odd revision does not cost the save', async () => {
  for (const revision of ['"7"', '-5', '3.5', '1e300', '18446744073709551615']) {
    const env = await start();
    try {
      const page = env.context.pages()[0] ?? (await env.context.newPage());
      await page.goto(`${env.url}favicon.svg`);
      await page.evaluate(
        (r) =>
          localStorage.setItem(
            'funnel-calculator',
            `{"version":2,"revision":${r},"plan":{"revenue":"7777777"},"active":1,"next_scenario":2,"scenarios":[{"id":1,"name":"Mine"}]}`,
          ),
        revision,
      );
      const plan = new PlanPage(page);
      await plan.goto(env.url);
      assert.equal(await plan.label('Revenue target').inputValue(), '7777777', revision);
      assert.equal(await page.getByRole('alert').count(), 0, revision);
      await plan.label('Revenue target').fill('1111111');
      await page.waitForFunction(() => JSON.parse(localStorage.getItem('funnel-calculator') ?? '{}').plan?.revenue === '1111111', null, {
        timeout: 3000,
      });
      assert.equal(JSON.parse(await page.evaluate(() => localStorage.getItem('funnel-calculator'))).revision, 1, revision);
      // The page opened to write the save asks for a favicon.ico (404).
      assert.deepEqual(env.errors.filter((e) => !/404/.test(e)), [], 'no errors in the page');
    } finally {
      await env.close();
    }
  }
});

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

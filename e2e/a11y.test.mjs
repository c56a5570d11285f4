// axe-core on every view of the release build, in both languages, light and
// dark, wide and narrow: no serious or critical violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { start, DIST_TEST, violations } from './harness.mjs';
import { FIXTURES } from './pipeline-page.mjs';
import { join } from 'node:path';

const LANGS = [
  ['en-US', { working: 'Show working', conversion: 'Conversion', revenue: 'Revenue target', today: 'Today', period: 'Period', custom: 'Custom dates', deals: 'Deals' }],
  ['zh-CN', { working: '显示计算过程', conversion: '转化率', revenue: '收入目标', today: '今天', period: '周期', custom: '自定义日期', deals: '成交数' }],
];

/** Each view of the Plan screen, reached as a user would. */
const VIEWS = [
  ['default', async () => {}],
  ['show working, conversion mode', async (page, w) => {
    await page.getByRole('switch', { name: w.working }).check();
    await page.getByRole('radio', { name: w.conversion, exact: true }).check();
  }],
  ['bad input everywhere', async (page, w) => {
    await page.getByLabel(w.revenue, { exact: true }).fill('€abc');
    await page.locator('input[id$="-rate"]').first().fill('0');
    await page.locator('input[id$="-rate"]').nth(2).fill('1,23,456');
    await page.locator('input[id$="-dwell"]').nth(1).fill('-2');
    await page.locator('input[id$="-name"]').nth(1).fill('');
  }],
  ['late, custom period, catch-up column', async (page, w) => {
    await page.getByLabel(w.period, { exact: true }).selectOption({ label: w.custom });
    await page.locator('#period-start').fill('2027-01-01');
    await page.locator('#period-end').fill('2027-03-31');
    await page.getByLabel(w.today, { exact: true }).fill('2026-12-25');
  }],
  ['deals target, after a reset', async (page, w) => {
    await page.locator('#reset').click();
    await page.getByRole('radio', { name: w.deals, exact: true }).check();
  }],
  ['an unreadable save set aside, its download offered', async (page) => {
    await page.waitForTimeout(600);
    await page.evaluate(() => localStorage.setItem('funnel-calculator', '{"version":2,"plan":'));
    await page.reload();
    await page.locator('.notice[role="alert"] a[download]').waitFor();
  }],
];

for (const [locale, words] of LANGS) {
  for (const [size, viewport, colorScheme] of [
    ['wide', { width: 1280, height: 800 }, 'light'],
    ['narrow', { width: 390, height: 844 }, 'light'],
    ['1024 dark', { width: 1024, height: 768 }, 'dark'],
  ]) {
    test(`axe: every view, ${locale}, ${size}`, async () => {
      const env = await start({ locale, viewport, colorScheme });
      try {
        const page = env.context.pages()[0] ?? (await env.context.newPage());
        await page.goto(env.url);
        await page.locator('table.required').waitFor();
        for (const [name, reach] of VIEWS) {
          await reach(page, words);
          assert.deepEqual(await violations(page), [], `${name}, ${locale}, ${size}`);
        }
      } finally {
        await env.close();
      }
    });
  }

  test(`axe: the page shown after a crash, ${locale}`, async () => {
    const env = await start({ locale, dist: DIST_TEST });
    try {
      const page = env.context.pages()[0] ?? (await env.context.newPage());
      await page.goto(env.url);
      await page.locator('table.required').waitFor();
      await page.locator('input[id$="-name"]').first().fill('test-hooks: panic');
      await page.locator('#crash-reload').waitFor();
      assert.deepEqual(await violations(page), [], `crash page, ${locale}`);
    } finally {
      await env.close();
    }
  });
}

/** Each view of the Pipeline screen: empty (the quick forecast), with deals, the import panel. */
const PIPELINE_VIEWS = [
  ['an empty deal list', async () => {}],
  ['no deals, quick forecast typed', async (page) => {
    await page.locator('input[id$="-deals"][id^="quick-"]').first().fill('50');
    await page.locator('input[id$="-amount"][id^="quick-"]').first().fill('abc');
  }],
  ['the import preview of a good file', async (page) => {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-csv').click();
    await (await chooser).setFiles(join(FIXTURES, 'hand-fixture.csv'));
    await page.waitForFunction(() => document.getElementById('apply-import')?.disabled === false);
  }],
  ['the import preview, asking about the lost stage', async (page) => {
    // The default plan has no lost stage: applying asks once, then leaves that row out.
    await page.locator('#apply-import').click();
  }],
  ['deals imported, one marked invalid', async (page) => {
    await page.locator('#apply-import').click();
    await page.locator('table.deals tbody tr').nth(2).waitFor();
    const amount = page.locator('table.deals tbody tr').first().locator('input[id$="-amount"]');
    await amount.fill('nope');
    await amount.press('Tab');
  }],
  ['a new deal being edited', async (page) => {
    await page.locator('#add-deal').click();
    await page.keyboard.type('Acme');
  }],
  ['the list filtered, and filtered to nothing', async (page) => {
    await page.locator('#deal-show').selectOption({ index: 1 });
    assert.deepEqual(await violations(page), []);
    await page.locator('#deal-filter').fill('no such deal');
    await page.waitForTimeout(600);
    assert.deepEqual(await violations(page), []);
    await page.locator('#deal-filter').fill('');
    await page.locator('#deal-show').selectOption({ index: 0 });
  }],
  ['the import panel with rows left out and stages to map', async (page) => {
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-csv').click();
    await (await chooser).setFiles(join(FIXTURES, 'bad-rows.csv'));
    await page.waitForFunction(() => document.getElementById('apply-import')?.disabled === false);
  }],
  ['a pivot table refused', async (page) => {
    await page.locator('#cancel-import').click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-csv').click();
    await (await chooser).setFiles(join(FIXTURES, 'pivot.csv'));
    await page.getByRole('alert').waitFor();
  }],
];

for (const [locale] of LANGS) {
  for (const [size, viewport, colorScheme] of [
    ['wide', { width: 1280, height: 800 }, 'light'],
    ['narrow', { width: 390, height: 844 }, 'light'],
    ['1024 dark', { width: 1024, height: 768 }, 'dark'],
  ]) {
    test(`axe: the Pipeline screen, ${locale}, ${size}`, async () => {
      const env = await start({ locale, viewport, colorScheme });
      try {
        const page = env.context.pages()[0] ?? (await env.context.newPage());
        await page.goto(`${env.url}#pipeline`);
        await page.locator('table.deals').waitFor();
        for (const [name, reach] of PIPELINE_VIEWS) {
          await reach(page);
          assert.deepEqual(await violations(page), [], `${name}, ${locale}, ${size}`);
        }
      } finally {
        await env.close();
      }
    });
  }
}

/** The workshop's views, reached by id (both languages use the same ids). */
const WORKSHOP_VIEWS = [
  ['the Compare screen with one scenario', async (page) => {
    await page.locator('#tab-compare').click();
    await page.locator('#panel-compare').waitFor();
  }],
  ['the scenario list with a deleted scenario and its undo note', async (page) => {
    await page.locator('#tab-plan').click();
    await page.locator('#new-scenario').click();
    await page.locator('#delete-scenario').click();
    await page.locator('.undo-note').waitFor();
    assert.deepEqual(await violations(page), []);
    await page.locator('#undo').click();
  }],
  ['a worked example set open', async (page) => {
    await page.locator('#worked-examples').selectOption({ index: 1 });
  }],
  ['the Present overlay, a few stages in', async (page) => {
    await page.locator('#present').click();
    await page.locator('.present-overlay').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.deepEqual(await violations(page), []);
    await page.keyboard.press('Escape');
    await page.locator('.present-overlay').waitFor({ state: 'detached' });
  }],
  ['scenario bar renaming, two scenarios', async (page) => {
    await page.locator('#new-scenario').click();
    await page.locator('#rename-scenario').click();
    await page.locator('#scenario-name').waitFor();
  }],
  ['share panel with the link', async (page) => {
    await page.keyboard.press('Escape');
    await page.locator('#copy-share-link').click();
    await page.locator('#share-link').waitFor();
  }],
  ['QR code', async (page) => {
    await page.locator('#show-qr').click();
    await page.locator('#close-qr').waitFor();
  }],
  ['a shared scenario shown unsaved', async (page) => {
    await page.locator('#close-qr').click();
    await page.locator('#copy-share-link').click();
    const link = await page.locator('#share-link').inputValue();
    await page.goto(link);
    await page.locator('#save-shared').waitFor();
  }],
  ['an incomplete link', async (page) => {
    const link = page.url();
    await page.goto(link.slice(0, -5));
    await page.getByRole('alert').first().waitFor();
  }],
  ['the Compare screen', async (page) => {
    await page.locator('#tab-compare').click();
    await page.locator('#panel-compare').waitFor();
  }],
  ['the What-if screen', async (page) => {
    await page.locator('#tab-what-if').click();
    await page.locator('#panel-what-if').waitFor();
  }],
  ['the What-if screen with the levers moved', async (page) => {
    for (const id of ['lever-opportunities', 'lever-win-rates', 'lever-cycle']) {
      await page.locator(`#${id}`).focus();
      for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
    }
  }],
  ['the Compare screen, two different scenarios', async (page) => {
    await page.locator('#tab-plan').click();
    await page.locator('#new-scenario').click();
    await page.locator('#revenue-target').fill('6000000');
    await page.locator('#tab-compare').click();
    await page.locator('#panel-compare').waitFor();
  }],
];

for (const [locale] of LANGS) {
  for (const [size, viewport, colorScheme] of [
    ['wide', { width: 1280, height: 800 }, 'light'],
    ['narrow', { width: 390, height: 844 }, 'light'],
    ['1024 dark', { width: 1024, height: 768 }, 'dark'],
  ]) {
    test(`axe: the workshop's views, ${locale}, ${size}`, async () => {
      const env = await start({ locale, viewport, colorScheme });
      try {
        const page = env.context.pages()[0] ?? (await env.context.newPage());
        await page.goto(env.url);
        await page.locator('#scenario-select').waitFor();
        for (const [name, reach] of WORKSHOP_VIEWS) {
          await reach(page);
          assert.deepEqual(await violations(page), [], `${name}, ${locale}, ${size}`);
        }
      } finally {
        await env.close();
      }
    });
  }
}

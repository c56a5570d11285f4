// End to end, against the release build with the `test-hooks` feature: a
// panic on every screen (Pipeline, Compare, What-if and the Present
// overlay) shows the plain panic page with its way back, and a save that
// breaks the start on any screen is set aside, all of it (the deal lists
// under their own keys too), and can be downloaded. The Plan screen's own
// cases are in hardening.test.mjs.
//
// The triggers, compiled only with `test-hooks`: a deal named
// "test-hooks: panic" panics in the pipeline evaluation; a scenario of that
// name panics in the Compare screen's figures, in the What-if figures and
// in the Present slides. A release build has none of them (last test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { start, DIST, DIST_TEST } from './harness.mjs';

const TRIGGER = 'test-hooks: panic';
const CRASH = 'Something went wrong; your saved work is kept.';

/** The test-hooks build in a fresh browser, the Plan screen up. */
async function open() {
  const t = await start({ dist: DIST_TEST });
  const p = t.context.pages()[0] ?? (await t.context.newPage());
  await p.goto(t.url);
  await planUp(p);
  return { t, p };
}

const planUp = (p) => p.getByRole('table', { name: 'Required per stage' }).waitFor();

/** Some work, saved (the save is debounced), to find again after a panic. */
async function someWork(p) {
  await p.getByLabel('Revenue target', { exact: true }).fill('4500000');
  await p.waitForTimeout(800);
}

/** The panic page is up, focus on its reload button, the app gone. */
async function expectPanicPage(p) {
  await p.getByRole('heading', { name: CRASH }).waitFor();
  assert.match(await p.locator('body').innerText(), /出了点问题；已保存的内容仍然保留。/);
  assert.equal(await p.evaluate(() => document.activeElement?.id), 'crash-reload');
  assert.equal(await p.getByRole('tab').count(), 0, 'nothing of the app is left on the page');
}

/** Reload from the panic page, by keyboard: the app is back with the saved work, started normally. */
async function reloadToWork(p) {
  await p.keyboard.press('Enter');
  await planUp(p);
  assert.equal(await p.getByLabel('Revenue target', { exact: true }).inputValue(), '4500000');
  assert.equal(await p.getByRole('alert').filter({ hasText: 'could not finish starting' }).count(), 0);
}

async function renameScenario(p, name) {
  await p.getByRole('button', { name: 'Rename scenario' }).click();
  await p.getByLabel('Scenario name', { exact: true }).fill(name);
  await p.keyboard.press('Enter');
}

/** Every key of local storage with its text. */
const storage = (p) => p.evaluate(() => Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])));

/**
 * After a start broken by the save `before` (local storage as it was):
 * reloading from the panic page starts from the defaults, says so, keeps
 * every key of the save unchanged under a backup key, and offers one
 * download that holds them all.
 */
async function expectSetAside(p, before) {
  await p.getByRole('heading', { name: CRASH }).waitFor();
  await p.getByRole('button', { name: 'Reload · 重新加载' }).click();
  await planUp(p);
  const alert = p.getByRole('alert').filter({ hasText: 'could not finish starting with your saved work' });
  await alert.waitFor();
  assert.equal(await p.getByLabel('Leads needed', { exact: true }).innerText(), '150 leads', 'the defaults');
  const after = await storage(p);
  const involved = Object.keys(before).filter((k) => k === 'funnel-calculator' || k.startsWith('funnel-calculator.pipeline'));
  const backups = Object.keys(after).filter((k) => k.startsWith('funnel-calculator.backup'));
  // Each key of the save is kept, byte for byte, under a backup key.
  const kept = Object.fromEntries(backups.map((k) => [k, after[k]]));
  assert.deepEqual(
    Object.values(kept).sort(),
    involved.map((k) => before[k]).sort(),
    `every key is set aside: ${involved.join(', ')}`,
  );
  // Nothing of the broken save is read again.
  for (const k of involved) assert.notEqual(after[k], before[k], `${k} is no longer loaded`);
  // One download holds them all: the backup itself when the save was one
  // key, else an object from each backup key to its text.
  const href = await alert.getByRole('link', { name: 'Download the backup' }).getAttribute('href');
  const file = decodeURIComponent(href.replace(/^data:application\/json;charset=utf-8,/, ''));
  if (backups.length === 1) assert.equal(file, Object.values(kept)[0]);
  else assert.deepEqual(JSON.parse(file), kept);
  return { involved, backups };
}

test('a panic on the Pipeline screen shows the panic page; reload brings the saved work back', async () => {
  const { t, p } = await open();
  try {
    await someWork(p);
    await p.getByRole('tab', { name: 'Pipeline' }).click();
    await p.getByRole('button', { name: 'Add deal' }).click();
    await p.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
    await p.keyboard.type(TRIGGER);
    await p.keyboard.press('Tab');
    await expectPanicPage(p);
    await reloadToWork(p);
  } finally {
    await t.close();
  }
});

test('a panic on the Compare screen shows the panic page; reload brings the saved work back', async () => {
  const { t, p } = await open();
  try {
    // The new scenario is the open one, with the work.
    await p.getByRole('button', { name: 'New scenario' }).click();
    await someWork(p);
    await p.getByRole('tab', { name: 'Compare' }).click();
    await p.getByRole('tabpanel', { name: 'Compare' }).waitFor();
    await renameScenario(p, TRIGGER);
    await expectPanicPage(p);
    await reloadToWork(p);
  } finally {
    await t.close();
  }
});

test('a panic on the What-if screen shows the panic page; reload brings the saved work back', async () => {
  const { t, p } = await open();
  try {
    await someWork(p);
    await p.getByRole('tab', { name: 'What-if' }).click();
    await p.getByRole('tabpanel', { name: 'What-if' }).waitFor();
    await renameScenario(p, TRIGGER);
    await expectPanicPage(p);
    await reloadToWork(p);
  } finally {
    await t.close();
  }
});

test('a panic in the Present overlay shows the panic page; reload brings the saved work back', async () => {
  const { t, p } = await open();
  try {
    await someWork(p);
    // The name alone breaks nothing on the Plan screen: only presenting it.
    await renameScenario(p, TRIGGER);
    await planUp(p);
    await p.getByRole('button', { name: 'Present' }).click();
    await expectPanicPage(p);
    // Not hidden with the rest of the page behind the overlay.
    assert.equal(await p.locator('#crash-reload').isVisible(), true);
    await reloadToWork(p);
  } finally {
    await t.close();
  }
});

test('a deal list that breaks the start on the Pipeline screen is set aside with the plan', async () => {
  const { t, p } = await open();
  try {
    await p.getByRole('tab', { name: 'Pipeline' }).click();
    await p.getByRole('button', { name: 'Add deal' }).click();
    await p.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
    await p.keyboard.type('Acme renewal');
    await p.keyboard.press('Tab');
    await p.waitForTimeout(800);
    // The deal list, saved under its own key, now holds the trigger; the
    // save has the Pipeline screen open.
    const before = await p.evaluate((trigger) => {
      const deals = localStorage.getItem('funnel-calculator.pipeline');
      localStorage.setItem('funnel-calculator.pipeline', deals.replace('"Acme renewal"', JSON.stringify(trigger)));
      const saved = JSON.parse(localStorage.getItem('funnel-calculator'));
      if (saved.settings.screen !== 'Pipeline') throw new Error(`screen saved: ${saved.settings.screen}`);
      return Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    }, TRIGGER);
    assert.ok(before['funnel-calculator.pipeline'].includes(TRIGGER));
    await p.goto(t.url);
    const { involved } = await expectSetAside(p, before);
    assert.deepEqual(involved.sort(), ['funnel-calculator', 'funnel-calculator.pipeline']);
    // The app runs on: the Pipeline screen opens, with no deals.
    await p.getByRole('tab', { name: 'Pipeline' }).click();
    await p.getByRole('button', { name: 'Add deal' }).waitFor();
    assert.equal(await p.getByRole('table', { name: 'Deals' }).locator('tbody tr').count(), 0);
  } finally {
    await t.close();
  }
});

/**
 * Two scenarios, the second with a deal (its list under its own key); in
 * the save, one scenario (the open one when `open`) is named by the trigger
 * and `screen` is open. Returns local storage as it then is.
 */
async function brokenScenarioSave(p, screen, { open = false } = {}) {
  await p.getByRole('button', { name: 'New scenario' }).click();
  await p.getByRole('tab', { name: 'Pipeline' }).click();
  await p.getByRole('button', { name: 'Add deal' }).click();
  await p.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
  await p.keyboard.type('Acme renewal');
  await p.keyboard.press('Tab');
  await p.getByRole('tab', { name: 'Plan' }).click();
  await planUp(p);
  await p.waitForTimeout(800);
  return p.evaluate(
    ([trigger, screen, open]) => {
      const saved = JSON.parse(localStorage.getItem('funnel-calculator'));
      saved.scenarios.find((s) => (s.id === saved.active) === open).name = trigger;
      saved.settings.screen = screen;
      localStorage.setItem('funnel-calculator', JSON.stringify(saved));
      return Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)]));
    },
    [TRIGGER, screen, open],
  );
}

test('a save that breaks the start on the Compare screen is set aside, every deal list with it', async () => {
  const { t, p } = await open();
  try {
    const before = await brokenScenarioSave(p, 'Compare');
    assert.ok(Object.keys(before).some((k) => /^funnel-calculator\.pipeline\.\d+$/.test(k)), 'the second scenario has a deal list of its own');
    await p.goto(t.url);
    const { involved } = await expectSetAside(p, before);
    assert.ok(involved.length >= 2);
    assert.deepEqual(
      Object.keys(await storage(p)).filter((k) => k.startsWith('funnel-calculator.pipeline')),
      [],
      'no deal list of the broken save is left to load',
    );
    await p.getByRole('tab', { name: 'Compare' }).click();
    await p.getByRole('tabpanel', { name: 'Compare' }).waitFor();
  } finally {
    await t.close();
  }
});

test('a save that breaks the start on the What-if screen is set aside, every deal list with it', async () => {
  const { t, p } = await open();
  try {
    const before = await brokenScenarioSave(p, 'WhatIf', { open: true });
    await p.goto(t.url);
    await expectSetAside(p, before);
    await p.getByRole('tab', { name: 'What-if' }).click();
    await p.getByRole('tabpanel', { name: 'What-if' }).waitFor();
  } finally {
    await t.close();
  }
});

test('a release build holds no test trigger; the test-hooks build does', () => {
  const holds = (dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.wasm'))
      .map((f) => readFileSync(join(dir, f)).includes('test-hooks'));
  const release = holds(DIST);
  assert.ok(release.length > 0, `a .wasm in ${DIST}`);
  assert.deepEqual(release, release.map(() => false), 'no "test-hooks" in the release wasm');
  assert.ok(holds(DIST_TEST).some(Boolean), 'the test build has its triggers');
});

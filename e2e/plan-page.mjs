// Page object for the Plan screen: every control is found by its accessible
// name, as a user of a screen reader finds it.
import assert from 'node:assert/strict';

/** Worked example 3's required counts, the default plan. */
export const EXAMPLE_3 = [
  ['A', '150'],
  ['B', '75'],
  ['C', '60'],
  ['D', '38'],
  ['E', '30'],
];

export class PlanPage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  async goto(url) {
    await this.page.goto(url);
    await this.table().waitFor();
  }

  async reload() {
    await this.page.reload();
    await this.table().waitFor();
  }

  label(name) {
    return this.page.getByLabel(name, { exact: true });
  }

  table() {
    return this.page.getByRole('table', { name: 'Required per stage' });
  }

  async choosePreset(name) {
    await this.label('Preset').selectOption({ label: name });
  }

  async rateMode(name) {
    await this.page.getByRole('radio', { name, exact: true }).check();
  }

  async targetBy(name) {
    await this.page.getByRole('radio', { name, exact: true }).check();
  }

  stageNames() {
    return this.label('Stage name');
  }

  rates(mode = 'Win rate (%)') {
    return this.label(mode);
  }

  async fillStages(stages, mode = 'Win rate (%)') {
    const names = this.stageNames();
    const rates = this.rates(mode);
    for (const [i, [name, rate]] of stages.entries()) {
      await names.nth(i).fill(name);
      if (rate !== undefined) await rates.nth(i).fill(rate);
    }
  }

  async values(locator) {
    return locator.evaluateAll((els) => els.map((e) => e.value));
  }

  /** The table as [stage, win rate, conversion, required] rows (first line of each cell). */
  async requiredRows() {
    const rows = this.table().locator('tbody tr');
    return rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.children].map((c) => (c.firstChild?.textContent ?? '').trim())),
    );
  }

  async required() {
    return (await this.requiredRows()).map((r) => [r[0], r[3]]);
  }

  output(name) {
    return this.page.getByLabel(name, { exact: true });
  }

  async expectRequired(expected) {
    await this.page.waitForFunction(
      (want) => {
        const rows = [...document.querySelectorAll('table.required tbody tr')];
        const got = rows.map((tr) => [tr.children[0].textContent.trim(), (tr.children[3].firstChild?.textContent ?? '').trim()]);
        return JSON.stringify(got) === JSON.stringify(want);
      },
      expected,
      { timeout: 5000 },
    ).catch(() => {});
    assert.deepEqual(await this.required(), expected);
  }

  /** Fails if any text on the page shows a broken number (quoting what the user typed is fine). */
  async expectNoBrokenNumbers() {
    const text = (await this.page.locator('body').innerText()).replace(/“[^”]*”/g, '');
    for (const bad of ['NaN', 'Infinity', 'undefined', 'null']) {
      assert.ok(!text.includes(bad), `page shows ${bad}`);
    }
  }
}

/** The release build in a fresh browser, with the Plan screen open. */
export async function openPlan(options) {
  const { start } = await import('./harness.mjs');
  const env = await start(options);
  const page = env.context.pages()[0] ?? (await env.context.newPage());
  const plan = new PlanPage(page);
  await plan.goto(env.url);
  return { env, page, plan };
}

/** Closes what `openPlan` opened; the page must not have logged an error. */
export async function closePlan(env) {
  // Closed first: a browser left open keeps the test file from ever ending.
  const errors = [...env.errors];
  await env.close();
  assert.deepEqual(errors, [], 'no errors in the page');
}

// Page object for the Pipeline screen, found by accessible names as a user
// of a screen reader finds it, and the hand-checked plan of
// tests/fixtures/hand-fixture.md.
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'fixtures');

export class PipelinePage {
  /** @param {import('playwright-core').Page} page */
  constructor(page) {
    this.page = page;
  }

  label(name) {
    return this.page.getByLabel(name, { exact: true });
  }

  async openPlan() {
    await this.page.getByRole('tab', { name: 'Plan' }).click();
    await this.page.getByRole('table', { name: 'Required per stage' }).waitFor();
  }

  async openPipeline() {
    await this.page.getByRole('tab', { name: 'Pipeline' }).click();
    await this.deals().waitFor();
  }

  deals() {
    return this.page.getByRole('table', { name: 'Deals' });
  }

  /** The plan of hand-fixture.md: A–D open at 7 dwell days, E won, Lost; Q1 2027; today 2027-01-15. */
  async setUpHandPlan() {
    await this.openPlan();
    const p = this.page;
    // A stage is added above the won one; the names and rates are then
    // written top to bottom.
    await p.getByRole('button', { name: 'Add stage' }).click();
    const names = this.label('Stage name');
    const rates = this.label('Win rate (%)');
    const stages = [['A', '20'], ['B', '40'], ['C', '50'], ['D', '80'], ['E', '100'], ['Lost', '0']];
    for (const [i, [name, rate]] of stages.entries()) {
      await names.nth(i).fill(name);
      await rates.nth(i).fill(rate);
    }
    const dwell = this.label('Dwell days');
    for (let i = 0; i < 4; i++) await dwell.nth(i).fill('7');
    await this.label('Period').selectOption({ label: 'Custom dates' });
    await this.label('Period start').fill('2027-01-01');
    await this.label('Period end').fill('2027-03-31');
    await this.label('Today').fill('2027-01-15');
    await this.label('Revenue target').fill('3000000');
    await this.label('Average deal size').fill('100000');
  }

  /** The plan of tests/fixtures/README.md: the default A–E funnel, Q1 2027, today 2027-01-15. */
  async setUpQ1Plan() {
    await this.openPlan();
    await this.label('Period').selectOption({ label: 'Custom dates' });
    await this.label('Period start').fill('2027-01-01');
    await this.label('Period end').fill('2027-03-31');
    await this.label('Today').fill('2027-01-15');
  }

  /** The import panel's table of rows left out, as [line, reason]. */
  async leftOut() {
    const table = this.page.getByRole('table', { name: 'Rows that will not be imported' });
    if ((await table.count()) === 0) return [];
    return table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  }

  /** Imports a fixture file through "Import CSV" and applies it. */
  async importFile(file, { apply = true, replace = false } = {}) {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByRole('button', { name: 'Import CSV' }).click();
    await (await chooser).setFiles(join(FIXTURES, file));
    await this.page.getByRole('heading', { name: 'Import deals from CSV' }).waitFor();
    if (replace) await this.page.getByRole('radio', { name: 'Replace the deal list' }).check();
    if (apply) {
      await this.applyReady();
      await this.page.getByRole('button', { name: 'Apply import' }).click();
    }
  }

  /** Waits until "Apply import" can be pressed (the dry run is done). */
  async applyReady(timeout = 10000) {
    await this.page.waitForFunction(() => document.getElementById('apply-import')?.disabled === false, null, { timeout });
  }

  /** An output's text by its label. */
  async output(name) {
    return (await this.label(name).textContent()).trim();
  }
}

/** The release build in a fresh browser, 1280×900, the app open; `close` checks the page logged no error. */
export async function openApp() {
  const { start } = await import('./harness.mjs');
  const assert = (await import('node:assert/strict')).default;
  const env = await start({ viewport: { width: 1280, height: 900 } });
  const page = env.context.pages()[0] ?? (await env.context.newPage());
  await page.goto(env.url);
  return {
    env,
    page,
    pp: new PipelinePage(page),
    async close() {
      // Closed first: a browser left open keeps the test file from ever ending.
      const errors = [...env.errors];
      await env.close();
      assert.deepEqual(errors, [], 'no errors in the page');
    },
  };
}

// Screenshots of the Pipeline screen in several states, wide, 1024 and
// narrow, in both languages, for a person to look at:
// node e2e/screens-pipeline.mjs [outdir]
import { start } from './harness.mjs';
import { PipelinePage } from './pipeline-page.mjs';

const out = process.argv[2] ?? 'shots';
for (const [locale, tag] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  for (const [size, viewport] of [['wide', { width: 1280, height: 800 }], ['projector', { width: 1024, height: 768 }], ['narrow', { width: 390, height: 844 }]]) {
    const env = await start({ locale, viewport });
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await page.goto(`${env.url}#pipeline`);
    await page.locator('table.deals').waitFor();
    const shot = (name, fullPage = true) => page.screenshot({ path: `${out}/pipeline-${name}-${tag}-${size}.png`, fullPage });
    await page.locator('input[id^="quick-"][id$="-deals"]').nth(2).fill('50');
    await page.locator('input[id^="quick-"][id$="-amount"]').nth(2).fill('5000000');
    await shot('quick');
    const pp = new PipelinePage(page);
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#import-csv').click();
    await (await chooser).setFiles(`${process.cwd()}/tests/fixtures/bad-rows.csv`);
    await pp.applyReady();
    await shot('import');
    await page.locator('#cancel-import').click();
    const chooser2 = page.waitForEvent('filechooser');
    await page.locator('#import-csv').click();
    await (await chooser2).setFiles(`${process.cwd()}/tests/fixtures/hand-fixture.csv`);
    await pp.applyReady();
    await page.locator('#apply-import').click();
    await page.locator('#apply-import').click().catch(() => {});
    await page.locator('table.deals tbody tr').nth(3).waitFor();
    await shot('deals');
    await shot('deals-top', false);
    await env.close();
    console.log(`${tag} ${size} done`);
  }
}

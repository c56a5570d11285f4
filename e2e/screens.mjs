// Screenshots of the Plan screen in several states, wide and narrow, in both
// languages, for a person to look at: node e2e/screens.mjs [outdir]
import { start } from './harness.mjs';

const out = process.argv[2] ?? 'shots';
for (const [locale, tag] of [['en-US', 'en'], ['zh-CN', 'zh']]) {
  for (const [size, viewport] of [['wide', { width: 1280, height: 800 }], ['narrow', { width: 390, height: 844 }]]) {
    const env = await start({ locale, viewport });
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    await page.goto(env.url);
    await page.locator('table.required').waitFor();
    const shot = (name) => page.screenshot({ path: `${out}/${name}-${tag}-${size}.png`, fullPage: true });
    await shot('default');
    await page.getByRole('switch').check();
    await page.locator('#mode-conversion').check();
    await shot('working-conversion');
    await page.getByRole('switch').uncheck();
    await page.locator('#mode-win').check();
    await page.locator('#revenue-target').fill('abc');
    await page.locator('input[id$="-rate"]').first().fill('0');
    await page.locator('input[id$="-dwell"]').nth(1).fill('-2');
    await shot('errors');
    await env.close();
    console.log(`${tag} ${size} done`);
  }
}

// In-browser benchmark of the release build: time to first result, and time
// from a keystroke to the updated answer on screen. Prints figures only.
// Usage: node e2e/bench.mjs [dist]
import { start } from './harness.mjs';

if (process.argv[2]) process.env.DIST = process.argv[2];
const env = await start();
try {
  const page = env.context.pages()[0] ?? (await env.context.newPage());
  const loads = [];
  for (let i = 0; i < 5; i++) {
    await page.goto(env.url);
    await page.getByRole('table', { name: 'Required per stage' }).waitFor();
    loads.push(await page.evaluate(() => performance.now()));
  }
  const edits = await page.evaluate(async () => {
    const label = [...document.querySelectorAll('label')].find((l) => l.textContent.trim() === 'Revenue target');
    const input = document.getElementById(label.htmlFor);
    const out = document.getElementById('out-leads');
    const times = [];
    for (let i = 0; i < 200; i++) {
      const changed = new Promise((ok) => {
        const mo = new MutationObserver(() => {
          mo.disconnect();
          ok();
        });
        mo.observe(out, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      input.value = String(3_000_000 + (i + 1) * 100_000);
      input.dispatchEvent(new Event('input', { bubbles: true }));
      await changed;
      times.push(performance.now() - t0);
    }
    return times.sort((a, b) => a - b);
  });
  const median = (xs) => xs[Math.floor(xs.length / 2)];
  const p95 = edits[Math.floor(edits.length * 0.95)];
  console.log(`page load to first result (median of 5)   ${median(loads.sort((a, b) => a - b)).toFixed(0)} ms`);
  console.log(`keystroke to updated answer, median        ${median(edits).toFixed(2)} ms`);
  console.log(`keystroke to updated answer, p95           ${p95.toFixed(2)} ms`);
} finally {
  await env.close();
}

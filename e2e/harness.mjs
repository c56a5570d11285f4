// Shared set-up for the end-to-end tests: the release build (dist/) on a
// static server, and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { serve } from './static-server.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const DIST = process.env.DIST ?? join(ROOT, 'dist');
/** The release built with the `test-hooks` feature (scripts/lib.sh). */
export const DIST_TEST = process.env.DIST_TEST ?? join(ROOT, 'dist-test');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

// Without the networking flags Chromium keeps trying to reach Google's hosts,
// which this machine's closed network refuses.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Starts the server and a browser with a fresh profile; `close()` ends both. */
export async function start({ locale = 'en-US', viewport = { width: 1280, height: 800 }, dist = DIST, colorScheme = 'light' } = {}) {
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`no release build in ${dist}: run scripts/test.sh`);
  const { server, url } = await serve(dist, 0);
  const profile = mkdtempSync(join(tmpdir(), 'funnel-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [...ARGS, `--accept-lang=${locale}`],
    locale,
    viewport,
    colorScheme,
  });
  const errors = [];
  const watch = (page) => {
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
  };
  context.pages().forEach(watch);
  context.on('page', watch);
  return {
    url,
    server,
    context,
    errors,
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe-core violations on the page as it is now. */
export async function violations(page) {
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

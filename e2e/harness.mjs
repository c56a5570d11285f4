// Shared set-up for the end-to-end tests: the release build (dist/) on a
// static server, and Debian's Chromium driven by playwright-core.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, existsSync, readFileSync } from 'node:fs';
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
  // Every page reports what its Content-Security-Policy refused (README,
  // "Security") as an error, so any test that checks `errors` fails on it,
  // and `close()` fails every other test.
  const refused = [];
  await context.exposeBinding('__cspViolation', (_source, text) => {
    refused.push(text);
    errors.push(text);
  });
  await context.addInitScript(() => {
    addEventListener(
      'securitypolicyviolation',
      (e) => {
        const at = e.sourceFile ? ` at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}` : '';
        window.__cspViolation(`CSP violation: ${e.effectiveDirective} refused ${e.blockedURI || '(no URI)'}${at}${e.sample ? ` «${e.sample}»` : ''}`);
      },
      true,
    );
  });
  const watch = (page) => {
    // The stack says which closure or handler threw, when a test fails on it.
    page.on('pageerror', (e) => errors.push(e.stack ? `${e}\n${e.stack}` : String(e)));
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
    /** What the pages' Content-Security-Policy refused (also in `errors`). */
    refused,
    async close() {
      await context.close();
      await new Promise((ok) => server.close(ok));
      rmSync(profile, { recursive: true, force: true });
      if (refused.length > 0) throw new Error(`the Content-Security-Policy refused:\n${refused.join('\n')}`);
    },
  };
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Serious and critical axe-core violations on the page as it is now. */
export async function violations(page) {
  // Evaluated, not added as a <script> tag: the page's policy refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(`${readFileSync(AXE, 'utf8')}\n;true`);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

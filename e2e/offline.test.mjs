// End to end, against the release build: after a first visit the app loads
// and computes with the network cut off, and a second build served later
// replaces the first only after the user accepts "A new version is ready —
// reload" (scripts/sw.mjs writes the worker, src/components/update.rs shows
// the notice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { start, DIST } from './harness.mjs';
import { PlanPage } from './plan-page.mjs';
import { writeBoot, BOOT } from '../scripts/boot.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const NOTICE = 'A new version is ready — reload';
/** The notice and its button in each language. */
const WORDS = [
  { locale: 'en-US', notice: NOTICE, button: 'Reload', table: 'Required per stage', leads: 'Leads needed' },
  { locale: 'zh-CN', notice: '新版本已就绪 — 重新加载', button: '重新加载', table: '各阶段所需数量', leads: '所需线索数' },
];

/** The cache name a built directory's sw.js uses. */
function cacheOf(dir) {
  const m = /const CACHE = "([^"]+)"/.exec(readFileSync(join(dir, 'sw.js'), 'utf8'));
  assert.ok(m, `no cache name in ${dir}/sw.js`);
  return m[1];
}

/** The build's loader, JS glue and wasm file names. */
function appFiles(dir) {
  const names = readdirSync(dir);
  return {
    boot: names.find((n) => BOOT.test(n)),
    glue: names.find((n) => /^funnel-calculator-[0-9a-f]+\.js$/.test(n)),
    wasm: names.find((n) => /^funnel-calculator-[0-9a-f]+_bg\.wasm$/.test(n)),
  };
}

/** Waits until a service worker controls the page. */
async function controlled(page) {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((ok) => navigator.serviceWorker.addEventListener('controllerchange', ok, { once: true }));
    }
  });
}

/** What the page's Cache Storage holds, and the cached wasm's content type. */
function cached(page) {
  return page.evaluate(async () => {
    const keys = await caches.keys();
    const out = { keys, wasmType: null, urls: [] };
    if (keys.length !== 1) return out;
    const cache = await caches.open(keys[0]);
    const requests = await cache.keys();
    out.urls = requests.map((r) => new URL(r.url).pathname.slice(1)).sort();
    const wasm = requests.find((r) => r.url.endsWith('.wasm'));
    if (wasm) out.wasmType = (await cache.match(wasm)).headers.get('content-type');
    return out;
  });
}

/** Records which responses the page got, and whether from the worker. */
function recordResponses(page) {
  const seen = [];
  page.on('response', (r) => seen.push({ name: new URL(r.url()).pathname.slice(1), fromWorker: r.fromServiceWorker() }));
  return seen;
}

test('after a first visit the app loads and computes offline, wasm typed application/wasm from the cache', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const logs = [];
    page.on('console', (m) => logs.push(m.text()));
    const plan = new PlanPage(page);
    await plan.goto(env.url);
    assert.equal(await page.locator('link[rel=manifest]').getAttribute('href'), 'manifest.webmanifest');
    const manifest = await page.evaluate(async () => {
      const r = await fetch('manifest.webmanifest');
      return { type: r.headers.get('content-type'), body: await r.json() };
    });
    assert.equal(manifest.type, 'application/manifest+json');
    assert.equal(manifest.body.name, 'Funnel Calculator · 漏斗计算器');
    assert.equal(manifest.body.start_url, './');
    assert.equal(manifest.body.display, 'standalone');
    assert.ok(manifest.body.icons.some((i) => i.src === 'icon.svg' && i.type === 'image/svg+xml'));
    await controlled(page);

    // The cache is named for this build and holds exactly its files.
    const store = await cached(page);
    assert.deepEqual(store.keys, [cacheOf(DIST)]);
    const files = readdirSync(DIST).filter((n) => n !== 'sw.js' && !n.startsWith('.')).sort();
    assert.deepEqual(store.urls, files);
    assert.equal(store.wasmType, 'application/wasm');
    // A first visit is already controlled, and has nothing to replace.
    assert.equal(await page.getByText(NOTICE).count(), 0);

    // Cut the network both ways: the browser offline, the server gone.
    await env.context.setOffline(true);
    env.server.closeAllConnections();
    await new Promise((ok) => env.server.close(ok));
    const seen = recordResponses(page);
    await plan.reload();
    assert.equal(await plan.output('Leads needed').innerText(), '150 leads');
    const { boot, glue, wasm } = appFiles(DIST);
    for (const name of ['', boot, glue, wasm]) {
      assert.ok(seen.some((r) => r.name === name && r.fromWorker), `${name || 'the page'} from the worker`);
    }
    // Streaming instantiation worked: wasm-bindgen warns when it has to fall back.
    assert.ok(!logs.some((l) => /instantiateStreaming/.test(l)), logs.join('\n'));

    // The app still computes: an edit recomputes the figures.
    await plan.label('Revenue target').fill('6,000,000');
    assert.equal(await plan.output('Leads needed').innerText(), '300 leads');
    assert.deepEqual(env.errors, []);
  } finally {
    await env.context.setOffline(false);
    await env.close();
  }
});

for (const { locale, notice: words, button, table, leads } of WORDS) test(`${locale}: a second build takes over only after the user accepts the reload; the old cache is deleted`, async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'funnel-sw-'));
  const site = join(tmp, 'site');
  const b = join(tmp, 'b');
  // Build B: the same app with new file names for its glue and wasm (as a
  // new build's hashes give), a marker in its page, and its own worker.
  cpSync(DIST, b, { recursive: true });
  const a = appFiles(DIST);
  const bGlue = a.glue.replace(/-[0-9a-f]+\.js$/, '-b0b0b0b0b0b0b0b0.js');
  const bWasm = a.wasm.replace(/-[0-9a-f]+_bg\.wasm$/, '-b0b0b0b0b0b0b0b0_bg.wasm');
  renameSync(join(b, a.glue), join(b, bGlue));
  renameSync(join(b, a.wasm), join(b, bWasm));
  const html = readFileSync(join(b, 'index.html'), 'utf8');
  writeFileSync(
    join(b, 'index.html'),
    html.replaceAll(a.glue, bGlue).replaceAll(a.wasm, bWasm).replace('</head>', '<meta name=build content=B></head>'),
  );
  // The loader (scripts/boot.mjs) names the glue and wasm: B's gets B's
  // names, and so its own hashed file name and integrity.
  const boot = readFileSync(join(b, a.boot), 'utf8');
  const bBoot = writeBoot(b, boot.replaceAll(a.glue, bGlue).replaceAll(a.wasm, bWasm));
  assert.notEqual(bBoot, a.boot);
  execFileSync('node', [join(ROOT, 'scripts/sw.mjs')], {
    env: { ...process.env, TRUNK_STAGING_DIR: b, TRUNK_PROFILE: 'release' },
  });
  const cacheA = cacheOf(DIST);
  const cacheB = cacheOf(b);
  assert.notEqual(cacheA, cacheB);

  cpSync(DIST, site, { recursive: true });
  const env = await start({ dist: site, locale });
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const shown = () => page.getByRole('table', { name: table }).waitFor();
    const leadsNeeded = () => page.getByLabel(leads, { exact: true }).innerText();
    await page.goto(env.url);
    await shown();
    await controlled(page);
    assert.deepEqual((await cached(page)).keys, [cacheA]);

    // Deploy B over A: A's glue and wasm are gone from the server.
    rmSync(site, { recursive: true });
    cpSync(b, site, { recursive: true });

    let seen = recordResponses(page);
    await page.reload();
    await shown();
    const notice = page.getByRole('status').filter({ hasText: words });
    await notice.waitFor();
    // Still build A, whole, from A's cache, and computing.
    assert.equal(await page.locator('meta[name=build]').count(), 0);
    for (const name of ['', a.boot, a.glue, a.wasm]) {
      assert.ok(seen.some((r) => r.name === name && r.fromWorker), `A's ${name || 'page'} from the worker`);
    }
    assert.ok(!seen.some((r) => r.name === bGlue || r.name === bWasm), 'the page loaded none of B');
    assert.ok(!seen.some((r) => r.name === bBoot), "nor B's loader");
    assert.match(await leadsNeeded(), /^150\b/);
    // The notice never takes focus.
    assert.equal(await page.evaluate(() => document.activeElement === document.body), true);
    const keys = await page.evaluate(() => caches.keys());
    assert.deepEqual([...keys].sort(), [cacheA, cacheB].sort());

    // Reloading without accepting keeps A and offers B again.
    await page.reload();
    await shown();
    await notice.waitFor();
    assert.equal(await page.locator('meta[name=build]').count(), 0);

    // Accept: the page reloads under B's worker and runs B.
    seen = recordResponses(page);
    const loaded = page.waitForEvent('load');
    await notice.getByRole('button', { name: button, exact: true }).click();
    await loaded;
    await shown();
    assert.equal(await page.locator('meta[name=build]').getAttribute('content'), 'B');
    for (const name of ['', bBoot, bGlue, bWasm]) {
      assert.ok(seen.some((r) => r.name === name && r.fromWorker), `B's ${name || 'page'} from the worker`);
    }
    assert.ok(!seen.some((r) => r.name === a.glue || r.name === a.wasm), 'the page loaded none of A');
    assert.ok(!seen.some((r) => r.name === a.boot), "nor A's loader");
    assert.match(await leadsNeeded(), /^150\b/);
    assert.equal(await page.getByText(words).count(), 0);
    const store = await cached(page);
    assert.deepEqual(store.keys, [cacheB], 'A cache deleted on activate');
    assert.equal(store.wasmType, 'application/wasm');
    assert.ok(store.urls.includes(bWasm));
    assert.deepEqual(env.errors, []);
  } finally {
    await env.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

// End to end, against the release build: the Content-Security-Policy
// (index.html, README "Security") is strict, the page keeps to it, and
// hostile text stays text. Markup typed as a stage name, a stage note, a
// scenario name, a deal's name and account, or carried in a CSV file, a
// share link or a JSON file, shows literally on every screen (Plan,
// Pipeline, Compare, What-if, the presentation, the print view): no element
// is made of it and nothing of it runs. The harness fails every test on any
// violation of the policy (e2e/harness.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { start, DIST } from './harness.mjs';
import { policyOf } from './static-server.mjs';

const IMG = '<img src=x onerror="window.__pwned=1">';
const SCRIPT = '<script>window.__pwned=1</script>';
const SVG = '"><svg onload=window.__pwned=1>';
const HOSTILE = [IMG, SCRIPT, SVG];

/** The policy of the build's page, as its `<meta http-equiv>` says it. */
function metaPolicy(html) {
  const meta = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy\b[^>]*>/i.exec(html);
  assert.ok(meta, 'index.html has a Content-Security-Policy meta tag');
  const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta[0]);
  return (content[1] ?? content[2]).trim();
}

/** The directives of a policy as a Map of name → source list. */
const directives = (policy) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );

test('the policy is strict, and index.html has no inline script or style', () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const policy = metaPolicy(html);
  // 'wasm-unsafe-eval' lets wasm compile; it allows no JavaScript eval.
  assert.doesNotMatch(policy, /'unsafe-inline'|'unsafe-eval'|'unsafe-hashes'|'strict-dynamic'|'nonce-|'sha\d+-|\*|data:|blob:|https?:/i);
  const d = directives(policy);
  assert.deepEqual(d.get('default-src'), ["'none'"]);
  assert.deepEqual(d.get('script-src'), ["'self'", "'wasm-unsafe-eval'"]);
  assert.deepEqual(d.get('style-src'), ["'self'"]);
  assert.deepEqual(d.get('object-src'), ["'none'"]);
  assert.deepEqual(d.get('base-uri'), ["'none'"]);
  // The crash page's Reload is a plain form to the page itself (src/crash.rs):
  // it must work once the wasm is dead. No form may go anywhere else.
  assert.deepEqual(d.get('form-action'), ["'self'"]);
  for (const [name, sources] of d) {
    assert.ok(sources.every((s) => s === "'self'" || s === "'none'" || s === "'wasm-unsafe-eval'"), `${name}: ${sources.join(' ')}`);
  }
  // Only a header can carry frame-ancestors; in a meta tag it is ignored with a warning.
  assert.ok(!d.has('frame-ancestors'));

  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)];
  assert.equal(scripts.length, 1, 'one script: the loader');
  for (const [whole, attrs, body] of scripts) {
    assert.match(attrs, /(^|\s)src\s*=/i, `no inline script: ${whole.slice(0, 80)}`);
    assert.equal(body.trim(), '');
  }
  const [, attrs] = scripts[0];
  const src = /src\s*=\s*["']?\.?\/?(boot-[0-9a-f]{16}\.js)/i.exec(attrs)?.[1];
  assert.ok(src, `the loader is boot-<hash>.js: ${attrs}`);
  assert.match(attrs, /integrity\s*=\s*["']?sha384-/i);
  assert.match(readFileSync(join(DIST, src), 'utf8'), /import init\b/);
  // The service worker precaches it, so the app starts offline.
  assert.ok(readFileSync(join(DIST, 'sw.js'), 'utf8').includes(`["${src}","sha384-`), `sw.js precaches ${src}`);
  assert.doesNotMatch(html, /<style\b|\sstyle\s*=|\son[a-z]+\s*=/i, 'no inline style, no handler attribute');
});

test('the static server sends the same policy, framing refused; the page is clean and inline script is refused', async () => {
  const env = await start();
  try {
    const page = env.context.pages()[0] ?? (await env.context.newPage());
    const res = await page.goto(env.url);
    const header = res.headers()['content-security-policy'];
    assert.equal(header, `${metaPolicy(readFileSync(join(DIST, 'index.html'), 'utf8'))}; frame-ancestors 'none'`);
    assert.equal(await policyOf(DIST), header);
    await page.getByRole('table', { name: 'Required per stage' }).waitFor();
    // The app ran: the loader came from its file.
    assert.equal(await page.evaluate(() => document.querySelectorAll('script:not([src])').length), 0);
    assert.deepEqual(env.errors, []);

    // The policy is in force, and the harness hears what it refuses.
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = 1';
      document.body.append(s);
      const d = document.createElement('div');
      d.setAttribute('style', 'color: red');
      document.body.append(d);
    });
    await page.waitForFunction(() => true);
    await expectSoon(() => env.refused.length >= 2);
    assert.equal(await page.evaluate(() => window.__inline), undefined);
    assert.ok(env.refused.some((r) => /script-src-elem/.test(r)), env.refused.join('\n'));
    assert.ok(env.refused.some((r) => /style-src-attr/.test(r)), env.refused.join('\n'));
    // Those were this test's own; the app's must stay none.
    env.refused.length = 0;
    env.errors.length = 0;
  } finally {
    await env.close();
  }
});

/** Polls `check` for up to 3 s. */
async function expectSoon(check) {
  for (let i = 0; i < 30 && !check(); i++) await new Promise((ok) => setTimeout(ok, 100));
  assert.ok(check());
}

/** Fails if anything of the hostile text became markup or ran. */
async function expectInert(page, where) {
  const dom = await page.evaluate(() => ({
    pwned: window.__pwned,
    imgs: document.querySelectorAll('img[src="x"], img[onerror]').length,
    svgs: document.querySelectorAll('svg[onload]').length,
    scripts: document.querySelectorAll('script:not([src])').length,
    handlers: [...document.querySelectorAll('*')].filter((e) => [...e.attributes].some((a) => /^on/i.test(a.name))).length,
  }));
  assert.deepEqual(dom, { pwned: undefined, imgs: 0, svgs: 0, scripts: 0, handlers: 0 }, where);
}

/** Fails unless each of `texts` shows literally in `scope`'s visible text. */
async function expectShown(scope, texts, where) {
  const shown = await scope.evaluate((e) => e.innerText);
  for (const t of texts) assert.ok(shown.includes(t), `${where}: ${JSON.stringify(t)} shown as text`);
}

/** The values of the text fields under `scope`. */
const values = (scope) => scope.locator('input, textarea').evaluateAll((els) => els.map((e) => e.value));

/** Visits every screen, the presentation and the print view; nothing hostile runs or becomes markup anywhere. */
async function visitAll(page, { stages, scenario, note, deals }) {
  const tab = async (name) => {
    await page.getByRole('tab', { name, exact: true }).click();
    await page.waitForTimeout(300);
  };
  const body = page.locator('body');
  await tab('Plan');
  await page.getByRole('table', { name: 'Required per stage' }).waitFor();
  await expectInert(page, 'Plan');
  await expectShown(page.getByRole('table', { name: 'Required per stage' }), stages, 'Plan');
  assert.ok((await page.getByLabel('Scenario', { exact: true }).evaluate((s) => s.selectedOptions[0].textContent)).includes(scenario));

  await tab('Pipeline');
  await page.getByRole('table', { name: 'Deals' }).waitFor();
  await expectInert(page, 'Pipeline');
  await expectShown(body, stages, 'Pipeline');
  const dealFields = await values(page.getByRole('table', { name: 'Deals' }));
  for (const d of deals) assert.ok(dealFields.includes(d), `Pipeline: deal field ${JSON.stringify(d)}`);

  await tab('Compare');
  await page.getByRole('heading', { name: 'Compare scenarios' }).waitFor();
  await expectInert(page, 'Compare');
  await expectShown(body, [scenario], 'Compare');

  await tab('What-if');
  await expectInert(page, 'What-if');

  await tab('Plan');
  await page.getByRole('button', { name: 'Present', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: /^Presentation: / });
  await dialog.waitFor();
  await expectInert(page, 'Present');
  await expectShown(dialog, [scenario, ...stages], 'Present');
  for (let i = 0; i < 4; i++) await dialog.getByRole('button', { name: 'Next', exact: true }).click();
  await expectInert(page, 'Present, last stage');
  // The bars' widths are set through the CSSOM, which the policy allows.
  const widths = await dialog.locator('.present-bar').evaluateAll((els) => els.map((e) => e.style.width));
  assert.ok(widths.length > 0 && widths.every((w) => /^\d+(\.\d+)?%$/.test(w)), `bar widths ${widths}`);
  assert.equal(widths.length, 5);
  assert.equal(widths[0], '100%');
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });

  await page.emulateMedia({ media: 'print' });
  try {
    const summary = page.locator('.print-summary');
    await summary.waitFor();
    await expectInert(page, 'Print');
    await expectShown(summary, [scenario, ...stages, note], 'Print');
  } finally {
    await page.emulateMedia({ media: 'screen' });
  }
}

test('hostile names, notes, deals, a CSV, a share link and a JSON file are text on every screen', async () => {
  const tmp = mkdtempSync(join(tmpdir(), 'funnel-csp-'));
  const a = await start({ viewport: { width: 1280, height: 900 } });
  let link;
  let file;
  const note = `${SCRIPT} ${IMG}`;
  const seen = { stages: HOSTILE, scenario: SVG, note, deals: [IMG, SCRIPT, SVG] };
  try {
    const page = a.context.pages()[0] ?? (await a.context.newPage());
    await page.goto(a.url);
    await page.getByRole('table', { name: 'Required per stage' }).waitFor();
    const label = (name) => page.getByLabel(name, { exact: true });
    // A period and today, so the deals count.
    await label('Period').selectOption({ label: 'Custom dates' });
    await label('Period start').fill('2027-01-01');
    await label('Period end').fill('2027-03-31');
    await label('Today').fill('2027-01-15');

    // Deals: one from a CSV (its stage found by name before the stages are renamed), one typed.
    const csv = join(tmp, 'hostile.csv');
    const q = (s) => `"${s.replaceAll('"', '""')}"`;
    writeFileSync(csv, `Name,Account,Amount,Stage,Status,Close date\n${q(SVG)},${q(IMG)},1000,D,Open,2027-02-15\n`);
    await page.getByRole('tab', { name: 'Pipeline' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import CSV' }).click();
    await (await chooser).setFiles(csv);
    await page.getByRole('heading', { name: 'Import deals from CSV' }).waitFor();
    await expectInert(page, 'CSV preview');
    await expectShown(page.locator('.import-panel'), [SVG, IMG], 'CSV preview');
    await page.waitForFunction(() => document.getElementById('apply-import')?.disabled === false, null, { timeout: 10000 });
    await page.getByRole('button', { name: 'Apply import' }).click();
    await page.getByRole('button', { name: 'Add deal' }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute('aria-label') === 'Name');
    await page.keyboard.type(IMG);
    const typed = page.getByRole('table', { name: 'Deals' }).locator('tbody tr').filter({ has: page.locator('input[aria-label="Name"]') });
    const rows = await typed.count();
    let row;
    for (let i = 0; i < rows; i++) {
      if ((await typed.nth(i).getByLabel('Name').inputValue()) === IMG) row = typed.nth(i);
    }
    assert.ok(row, 'the typed deal is in the list');
    await row.getByLabel('Account').fill(SCRIPT);

    // Stage names, a stage note, the scenario's name.
    await page.getByRole('tab', { name: 'Plan' }).click();
    const names = label('Stage name');
    for (const [i, name] of HOSTILE.entries()) await names.nth(i).fill(name);
    await label('Notes of stage').selectOption({ index: 0 });
    await label('Purpose').fill(note);
    await page.getByRole('button', { name: 'Rename scenario' }).click();
    await label('Scenario name').fill(SVG);
    await page.keyboard.press('Enter');
    await visitAll(page, seen);

    // The link and the file carry it all.
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Copy share link' }).click();
    const field = page.getByRole('textbox', { name: 'Share link', exact: true });
    await field.waitFor();
    link = await field.inputValue();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export JSON' }).click();
    file = join(tmp, 'scenario.json');
    await (await download).saveAs(file);
    assert.ok(readFileSync(file, 'utf8').includes(JSON.stringify(IMG).slice(1, -1)), 'the file holds the names as data');
    await expectInert(page, 'share');
    assert.deepEqual(a.errors, []);
  } finally {
    await a.close();
  }

  // A fresh browser opens the link, then imports the file.
  const b = await start({ viewport: { width: 1280, height: 900 } });
  try {
    const page = b.context.pages()[0] ?? (await b.context.newPage());
    await page.goto(link.replace(/^http:\/\/127\.0\.0\.1:\d+\//, b.url));
    await page.getByRole('button', { name: 'Save as new scenario' }).waitFor();
    await expectInert(page, 'shared link');
    await page.getByRole('button', { name: 'Save as new scenario' }).click();
    await visitAll(page, seen);

    await page.getByRole('tab', { name: 'Plan' }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Import JSON' }).click();
    await (await chooser).setFiles(file);
    await page.getByText('as a new scenario').waitFor();
    await visitAll(page, seen);
    assert.deepEqual(b.errors, []);
  } finally {
    await b.close();
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('every file of the build is one the policy lets the page load', () => {
  // Scripts, styles, the manifest, icons, the worker: all from the page's
  // own origin, so 'self' covers them; nothing needs an exception.
  const kinds = new Set(readdirSync(DIST).filter((n) => !n.startsWith('.')).map((n) => n.slice(n.lastIndexOf('.') + 1)));
  assert.deepEqual([...kinds].sort(), ['css', 'html', 'js', 'svg', 'wasm', 'webmanifest']);
});

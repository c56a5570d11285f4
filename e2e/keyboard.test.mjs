// End to end, against the release build: the keyboard alone. In each view
// (Plan, Pipeline with deals, the CSV import panel with its preview,
// Compare, What-if, the share panel, the Rename field, the Present overlay)
// the Tab key, and nothing else, reaches every visible enabled control, in
// roughly the order they are read; focus never lands on anything unseen,
// each control is on screen once focused and shows that it has focus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { start } from './harness.mjs';
import { PipelinePage } from './pipeline-page.mjs';

let env;
let page;

before(async () => {
  env = await start({ viewport: { width: 1280, height: 800 } });
  page = env.context.pages()[0] ?? (await env.context.newPage());
  await page.goto(env.url);
  await page.getByRole('table', { name: 'Required per stage' }).waitFor();
});
after(async () => {
  const errors = [...env.errors];
  await env.close();
  assert.deepEqual(errors, [], 'no errors in the page');
});

/**
 * Marks every control of `scope` (a selector; the whole page when empty)
 * a keyboard user must reach: visible, enabled, not taken out of the tab
 * order, one radio per group. Returns how many.
 */
function markExpected(scope) {
  return page.evaluate((scope) => {
    const root = scope ? document.querySelector(scope) : document;
    const all = root.querySelectorAll('button, input, select, textarea, a[href], [tabindex="0"]');
    const seen = new Set();
    let n = 0;
    for (const e of document.querySelectorAll('[data-kb]')) e.removeAttribute('data-kb');
    all.forEach((e) => {
      if (e.disabled || e.type === 'hidden' || e.tabIndex < 0 || e.closest('[inert], [aria-hidden="true"]')) return;
      const style = getComputedStyle(e);
      if (style.visibility !== 'visible' || e.getClientRects().length === 0) return;
      const r = e.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return;
      if (e.type === 'radio') {
        // Tab stops once in a group: on the checked radio.
        if (seen.has(e.name) || (!e.checked && [...document.getElementsByName(e.name)].some((x) => x.checked))) return;
        seen.add(e.name);
      }
      e.setAttribute('data-kb', String(n++));
    });
    return n;
  }, scope);
}

/** What has focus now, and how it looks. */
function focusedNow(scope) {
  return page.evaluate((scope) => {
    const a = document.activeElement;
    if (!a || a === document.body || a === document.documentElement) return null;
    const r = a.getBoundingClientRect();
    const s = getComputedStyle(a);
    // Focus on the calendar button inside a date field: the element is
    // the field, which no longer matches :focus; Chromium rings the button
    // itself (its pseudo-element takes no author style).
    const inPicker = a.type === 'date' && !a.matches(':focus');
    const outline = inPicker || (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0);
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const cx = r.left + r.width / 2;
    const cy = r.top + r.height / 2;
    const hit = document.elementFromPoint(Math.min(Math.max(cx, 0), innerWidth - 1), Math.min(Math.max(cy, 0), innerHeight - 1));
    return {
      key: a.getAttribute('data-kb'),
      name: `${a.tagName.toLowerCase()}${a.id ? '#' + a.id : ''}${a.getAttribute('aria-label') ? `[${a.getAttribute('aria-label')}]` : ''}`,
      visible: r.width > 0 && r.height > 0 && s.visibility === 'visible' && s.opacity !== '0',
      inView: cx >= 0 && cx <= innerWidth && cy >= 0 && cy <= innerHeight,
      // Not hidden behind a sticky bar or an overlay.
      onTop: !!hit && (a === hit || a.contains(hit) || hit.contains(a) || (a.labels && [...a.labels].some((l) => l.contains(hit)))),
      ring: outline || shadow,
      top: Math.round(r.top + scrollY),
      left: Math.round(r.left + scrollX),
      inScope: !scope || !!a.closest(scope),
    };
  }, scope);
}

/**
 * Tabs through the view, checking each stop, then checks every marked
 * control was reached, in reading order. A whole page is walked from its
 * top until focus leaves the page or comes round again; a part of it
 * (`scope`) from `from`, the control just before it (or the part itself),
 * until focus leaves the part.
 */
async function tabThrough(view, { scope = '', from = null, max = 400 } = {}) {
  const expected = await markExpected(scope);
  assert.ok(expected > 0, `${view}: controls to reach`);
  if (from) await page.locator(from).focus();
  else {
    // A click on the heading moves where Tab starts from to the top.
    await page.locator('h1').click();
    await page.evaluate(() => window.scrollTo(0, 0));
  }
  const stops = [];
  const problems = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focusedNow(scope);
    if (!f) break;
    if (stops.length > 0 && f.key !== null && f.key === stops[0].key) break;
    if (scope && !f.inScope) {
      if (stops.length > 0) break;
      continue;
    }
    stops.push(f);
    if (!f.visible) problems.push(`${f.name} has focus but cannot be seen`);
    if (!f.inView) problems.push(`${f.name} is off screen once focused`);
    else if (!f.onTop) problems.push(`${f.name} is covered once focused`);
    if (!f.ring) problems.push(`${f.name} shows no focus indicator`);
  }
  const reached = new Set(stops.map((s) => s.key).filter((k) => k !== null));
  const missed = await page.evaluate(
    (reached) =>
      [...document.querySelectorAll('[data-kb]')]
        .filter((e) => !reached.includes(e.getAttribute('data-kb')))
        .map((e) => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''} ${e.getAttribute('aria-label') ?? e.textContent.trim().slice(0, 30)}`),
    [...reached],
  );
  assert.deepEqual(missed, [], `${view}: every control is reached by Tab`);
  // Reading order: down the page; a control beside one above (a field next
  // to a field with a note under it) may start a little higher, but Tab
  // never jumps back to an earlier part of the page.
  const inScope = stops.filter((s) => s.key !== null);
  for (let i = 1; i < inScope.length; i++) {
    const [a, b] = [inScope[i - 1], inScope[i]];
    // Up into the next column to the right is reading order too.
    if (b.top < a.top - 100 && b.left < a.left + 200) problems.push(`Tab goes back up: ${a.name} (${a.top}) then ${b.name} (${b.top})`);
  }
  assert.deepEqual(problems, [], `${view}: ${stops.length} stops`);
  return stops;
}

test('Plan: every control by Tab alone, in order, seen', async () => {
  await tabThrough('Plan');
});

test('the Rename field', async () => {
  await page.locator('#rename-scenario').click();
  await page.locator('#scenario-name').waitFor();
  await tabThrough('Rename', { scope: '.rename', from: '#scenario-select', max: 20 });
  await page.locator('#scenario-name').press('Escape');
  await page.locator('#rename-scenario').waitFor();
});

test('the share panel', async () => {
  await page.locator('#copy-share-link').click();
  await page.locator('#share-link').waitFor();
  await tabThrough('share panel', { scope: '.share-panel', from: '#import-json', max: 20 });
});

test('Pipeline with deals', async () => {
  const pp = new PipelinePage(page);
  await pp.openPipeline();
  await pp.importFile('hand-fixture.csv');
  // The default plan has no lost stage: applying asks once more.
  if (await page.locator('#apply-import').count()) await page.locator('#apply-import').click();
  await page.locator('table.deals tbody tr').nth(2).waitFor();
  await tabThrough('Pipeline');
});

test('the CSV import panel with its preview', async () => {
  const pp = new PipelinePage(page);
  await pp.importFile('bad-rows.csv', { apply: false });
  await pp.applyReady();
  await tabThrough('import panel', { scope: '.import-panel', from: '#export-csv' });
  await page.locator('#cancel-import').click();
});

test('Compare', async () => {
  await page.locator('#new-scenario').click();
  await page.locator('#tab-compare').click();
  await page.locator('#panel-compare').waitFor();
  await tabThrough('Compare');
});

test('What-if', async () => {
  await page.locator('#tab-what-if').click();
  await page.locator('#panel-what-if').waitFor();
  await tabThrough('What-if');
});

test('the Present overlay', async () => {
  await page.locator('#tab-plan').click();
  await page.getByRole('table', { name: 'Required per stage' }).waitFor();
  await page.locator('#present').click();
  await page.locator('.present-overlay').waitFor();
  await page.keyboard.press('ArrowRight');
  const stops = await tabThrough('Present', { scope: '.present-overlay', from: '.present-overlay', max: 30 });
  // A modal dialog: Tab past its last control goes to the browser's own
  // controls (the page's body) and comes back, never to the page behind.
  await page.locator('.present-overlay').focus();
  for (let i = 0; i < 2 * stops.length + 2; i++) {
    await page.keyboard.press('Tab');
    const where = await page.evaluate(() => {
      const a = document.activeElement;
      return a === document.body || !!a?.closest('.present-overlay') ? 'ok' : a.outerHTML.slice(0, 80);
    });
    assert.equal(where, 'ok', `Tab ${i + 1} stays in the overlay`);
  }
  await page.keyboard.press('Escape');
});

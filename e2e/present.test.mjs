// Presentation mode, against the release build: "Present" opens a
// full-window dialog in large, high-contrast type that reveals the funnel
// one stage at a time from the keyboard, a clicker (PageUp/PageDown) or its
// buttons; keys typed into a field or while an input method is composing
// never step; Esc leaves and focus is back on "Present". Both languages.
//
// SHOTS=dir also writes screenshots of the presentation (1024×768 and
// 1920×1080, English and Chinese, first and last stage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { start, violations } from './harness.mjs';

const LANGS = [
  ['en-US', {
    present: 'Present', dialog: /^Presentation: /, preset: 'Preset', b2b: 'B2B, six stages',
    revenue: 'Revenue target', table: 'Required per stage', next: 'Next', previous: 'Previous',
    exit: 'Exit presentation', progress: (at, of) => `Stage ${at} of ${of}`, purpose: 'Purpose',
    notes: ['Purpose', 'Milestone', 'Evidence', 'Actions'],
  }],
  ['zh-CN', {
    present: '演示', dialog: /^演示：/, preset: '预设漏斗', b2b: 'B2B 六阶段',
    revenue: '收入目标', table: '各阶段所需数量', next: '下一步', previous: '上一步',
    exit: '退出演示', progress: (at, of) => `第 ${at} 阶段，共 ${of} 个`, purpose: '目的',
    notes: ['目的', '里程碑', '证据', '行动'],
  }],
];

/** The Plan's "Required per stage" rows as [stage, required]. */
async function requiredRows(page, w) {
  const rows = page.getByRole('table', { name: w.table }).locator('tbody tr');
  const all = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.innerText.trim())));
  return all.map((r) => [r[0], r[3]]);
}

/** What the presentation shows: progress, revealed stages, current stage and its notes. */
async function shown(page, w) {
  const dialog = page.getByRole('dialog', { name: w.dialog });
  const funnel = dialog.getByRole('list');
  return {
    progress: (await dialog.locator('.present-progress').innerText()).trim(),
    revealed: await funnel.getByRole('listitem').evaluateAll((lis) =>
      lis.map((li) => [li.querySelector('.present-stage-name').innerText, li.querySelector('.present-stage-count').innerText])),
    current: (await dialog.getByRole('heading', { level: 3 }).innerText()).trim(),
    count: (await dialog.locator('.present-number').innerText()).trim(),
    notes: await dialog.locator('dt').allInnerTexts(),
    live: (await dialog.locator('[aria-live]').innerText()).trim(),
  };
}

/** Expects stages 1..n of `rows` revealed, the n-th current. */
async function expectAt(page, w, rows, n, why) {
  const s = await shown(page, w);
  assert.equal(s.progress, w.progress(n, rows.length), why);
  assert.deepEqual(s.revealed, rows.slice(0, n), why);
  assert.equal(s.current, rows[n - 1][0], why);
  assert.equal(s.count, rows[n - 1][1], why);
  assert.ok(s.live.includes(rows[n - 1][0]) && s.live.includes(rows[n - 1][1]), `${why}: live region "${s.live}"`);
}

/** WCAG contrast ratio of two `rgb(...)` colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
      const s = v / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

async function openB2b(env, w) {
  const page = env.context.pages()[0] ?? (await env.context.newPage());
  await page.goto(env.url);
  await page.getByRole('table', { name: w.table }).waitFor();
  await page.getByLabel(w.preset, { exact: true }).selectOption({ label: w.b2b });
  return page;
}

for (const [locale, w] of LANGS) {
  for (const colorScheme of ['light', 'dark']) {
    test(`present: step through the funnel with keys, clicker and buttons, ${locale}, ${colorScheme}`, async () => {
      const env = await start({ locale, colorScheme, viewport: { width: 1024, height: 768 } });
      try {
        const page = await openB2b(env, w);
        const rows = await requiredRows(page, w);
        assert.ok(rows.length >= 4, `B2B plans several stages: ${JSON.stringify(rows)}`);

        // Arrow keys typed into a field while not presenting do nothing to it.
        const revenue = page.getByLabel(w.revenue, { exact: true });
        await revenue.focus();
        await page.keyboard.press('ArrowRight');
        await page.keyboard.press('PageDown');
        assert.equal(await page.getByRole('dialog').count(), 0);

        const present = page.getByRole('button', { name: w.present, exact: true });
        await present.click();
        const dialog = page.getByRole('dialog', { name: w.dialog });
        await dialog.waitFor();
        assert.equal(await dialog.getAttribute('aria-modal'), 'true');
        assert.ok(await dialog.evaluate((d) => d.contains(document.activeElement)), 'focus moves into the dialog');
        await expectAt(page, w, rows, 1, 'on start');
        assert.deepEqual((await shown(page, w)).notes, w.notes, 'the stage notes are shown');

        // Editing hidden: no field, and nothing of the page behind, is visible.
        assert.equal(await page.locator('input:visible, textarea:visible, select:visible, [contenteditable]:visible').count(), 0);
        assert.equal(await present.isVisible(), false);

        // Large type: every element with text in the dialog is at least 28 px.
        const small = await dialog.evaluate((d) =>
          [d, ...d.querySelectorAll('*')]
            .filter((el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()))
            .map((el) => [el.tagName, el.textContent.trim().slice(0, 20), parseFloat(getComputedStyle(el).fontSize)])
            .filter(([, , size]) => size < 28));
        assert.deepEqual(small, [], 'type under 28 px');
        // High contrast: text and background at least 7:1, and so the buttons.
        const colours = await dialog.evaluate((d) => {
          const s = getComputedStyle(d);
          const b = getComputedStyle(d.querySelector('.present-controls button'));
          return [[s.color, s.backgroundColor], [b.color, b.backgroundColor]];
        });
        for (const [fg, bg] of colours) assert.ok(contrast(fg, bg) >= 7, `contrast ${fg} on ${bg}: ${contrast(fg, bg)}`);

        // The keyboard and a clicker.
        await page.keyboard.press('ArrowRight');
        await expectAt(page, w, rows, 2, 'ArrowRight');
        await page.keyboard.press('PageDown');
        await expectAt(page, w, rows, 3, 'PageDown');
        await page.keyboard.press('PageUp');
        await expectAt(page, w, rows, 2, 'PageUp');
        await page.keyboard.press('ArrowDown');
        await page.keyboard.press('ArrowUp');
        await expectAt(page, w, rows, 2, 'ArrowDown, ArrowUp');
        await page.keyboard.press('Space');
        await expectAt(page, w, rows, 3, 'Space');
        await page.keyboard.press('Backspace');
        await expectAt(page, w, rows, 2, 'Backspace');
        await page.keyboard.press('Enter');
        await expectAt(page, w, rows, 3, 'Enter');
        await page.keyboard.press('End');
        await expectAt(page, w, rows, rows.length, 'End');
        await page.keyboard.press('ArrowRight');
        await expectAt(page, w, rows, rows.length, 'past the last stage');
        await page.keyboard.press('Home');
        await expectAt(page, w, rows, 1, 'Home');
        await page.keyboard.press('ArrowLeft');
        await expectAt(page, w, rows, 1, 'before the first stage');

        // An input method composing (isComposing, or keyCode 229) never steps.
        await dialog.evaluate((d) => {
          d.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', isComposing: true, bubbles: true, cancelable: true }));
          const ev = new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true });
          Object.defineProperty(ev, 'keyCode', { get: () => 229 });
          d.dispatchEvent(ev);
        });
        await expectAt(page, w, rows, 1, 'keys while composing');
        // Keys typed into a text field never step: the Plan's field (there,
        // though hidden) and a contenteditable inside the dialog.
        await revenue.evaluate((f) => f.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true })));
        await dialog.evaluate((d) => {
          const ed = document.createElement('div');
          ed.contentEditable = 'true';
          d.append(ed);
          ed.dispatchEvent(new KeyboardEvent('keydown', { key: 'PageDown', bubbles: true, cancelable: true }));
          ed.remove();
        });
        await expectAt(page, w, rows, 1, 'keys typed into a field');
        // The same keys on the dialog itself do step: the test above is fair.
        await dialog.evaluate((d) => d.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true, cancelable: true })));
        await expectAt(page, w, rows, 2, 'a synthetic ArrowRight on the dialog');

        // The on-screen buttons; Enter on a focused button presses it once.
        await dialog.getByRole('button', { name: w.next }).click();
        await expectAt(page, w, rows, 3, 'Next');
        await dialog.getByRole('button', { name: w.previous }).click();
        await expectAt(page, w, rows, 2, 'Previous');
        await dialog.getByRole('button', { name: w.next }).focus();
        await page.keyboard.press('Enter');
        await expectAt(page, w, rows, 3, 'Enter on Next');

        assert.deepEqual(await violations(page), [], `axe on the presentation, ${locale}, ${colorScheme}`);

        // Esc leaves; focus is back on "Present" and the page is shown again.
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'present');
        assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenting')), false);
        assert.equal(await page.evaluate(() => document.fullscreenElement), null);
        assert.ok(await revenue.isVisible());

        // "Exit presentation" does the same; a new presentation starts at stage 1.
        await present.click();
        await dialog.waitFor();
        await expectAt(page, w, rows, 1, 'a second start');
        await dialog.getByRole('button', { name: w.exit }).click();
        await dialog.waitFor({ state: 'detached' });
        assert.equal(await page.evaluate(() => document.activeElement?.id), 'present');
        assert.deepEqual(env.errors, []);
      } finally {
        await env.close();
      }
    });
  }

  test(`present: leaving full screen leaves the presentation, ${locale}`, async () => {
    const env = await start({ locale });
    try {
      const page = await openB2b(env, w);
      const present = page.getByRole('button', { name: w.present, exact: true });
      await present.click();
      const dialog = page.getByRole('dialog', { name: w.dialog });
      await dialog.waitFor();
      // The click asked for full screen on the document.
      await page.waitForFunction(() => document.fullscreenElement === document.documentElement);
      await page.keyboard.press('ArrowRight');
      // What the browser does on Esc in full screen: leave it, telling the page
      // only through `fullscreenchange`.
      await page.evaluate(() => document.exitFullscreen());
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'present');
      assert.equal(await page.evaluate(() => document.documentElement.classList.contains('presenting')), false);
      assert.deepEqual(env.errors, []);
    } finally {
      await env.close();
    }
  });

  test(`present: full screen refused, the overlay still fills the window, ${locale}`, async () => {
    const env = await start({ locale, viewport: { width: 800, height: 600 } });
    try {
      const page = await openB2b(env, w);
      await page.evaluate(() => {
        Element.prototype.requestFullscreen = () => Promise.reject(new TypeError('refused'));
      });
      await page.getByRole('button', { name: w.present, exact: true }).click();
      const dialog = page.getByRole('dialog', { name: w.dialog });
      await dialog.waitFor();
      const box = await dialog.boundingBox();
      assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 800, 600]);
      await page.keyboard.press('PageDown');
      assert.equal((await shown(page, w)).progress.includes('2'), true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'present');
      assert.deepEqual(env.errors, [], 'a refusal is not an unhandled rejection');
    } finally {
      await env.close();
    }
  });
}

if (process.env.SHOTS) {
  test('present: screenshots', async () => {
    mkdirSync(process.env.SHOTS, { recursive: true });
    for (const [locale, w] of LANGS) {
      for (const [size, viewport, colorScheme] of [
        ['1024', { width: 1024, height: 768 }, 'light'],
        ['1920', { width: 1920, height: 1080 }, 'light'],
        ['1024-dark', { width: 1024, height: 768 }, 'dark'],
      ]) {
        const env = await start({ locale, viewport, colorScheme });
        try {
          const page = await openB2b(env, w);
          await page.getByRole('button', { name: w.present, exact: true }).click();
          await page.getByRole('dialog', { name: w.dialog }).waitFor();
          const tag = locale.slice(0, 2);
          await page.screenshot({ path: join(process.env.SHOTS, `present-${tag}-${size}-first.png`) });
          await page.keyboard.press('End');
          await page.screenshot({ path: join(process.env.SHOTS, `present-${tag}-${size}-last.png`) });
        } finally {
          await env.close();
        }
      }
    }
  });
}

for (const colorScheme of ['light', 'dark']) {
  test(`present: opened from the keyboard, the focused overlay shows a focus ring, ${colorScheme}`, async () => {
    const [, w] = LANGS[0];
    const env = await start({ colorScheme, viewport: { width: 1024, height: 768 } });
    try {
      const page = await openB2b(env, w);
      const rows = await requiredRows(page, w);
      await page.getByRole('button', { name: w.present, exact: true }).focus();
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: w.dialog });
      await dialog.waitFor();
      await page.waitForFunction(() => document.activeElement?.classList.contains('present-overlay'), null, { timeout: 3000 });
      const ring = await dialog.evaluate((d) => {
        const s = getComputedStyle(d);
        return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor, bg: s.backgroundColor, offset: parseFloat(s.outlineOffset) };
      });
      assert.equal(ring.style, 'solid', JSON.stringify(ring));
      assert.ok(ring.width >= 4, `a ring a projector shows: ${JSON.stringify(ring)}`);
      assert.ok(ring.offset <= -ring.width, 'drawn inside the window edge');
      assert.ok(contrast(ring.colour, ring.bg) >= 3, `ring contrast ${contrast(ring.colour, ring.bg)}`);
      if (process.env.SHOTS) {
        mkdirSync(process.env.SHOTS, { recursive: true });
        await page.screenshot({ path: join(process.env.SHOTS, `present-focus-${colorScheme}.png`) });
      }
      // The keys still work on the overlay, and Tab moves to its buttons.
      await page.keyboard.press('ArrowRight');
      await expectAt(page, w, rows, 2, 'ArrowRight on the focused overlay');
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.closest('.present-controls') != null), true);
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'present');
      assert.deepEqual(env.errors, []);
    } finally {
      await env.close();
    }
  });
}

// Print, against the release build: the open scenario on exactly one page of
// A4 and of US Letter, in both languages, with the screen light or dark; a
// 12-stage scenario with long Chinese stage names and notes in every field,
// and the default scenario. The PDFs (and, with pdftoppm, their pages as
// PNGs at 60 dpi) are kept in PRINT_OUT (default /tmp/funnel-print) to be
// looked at.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { start } from './harness.mjs';

const OUT = process.env.PRINT_OUT ?? '/tmp/funnel-print';
const KEY = 'funnel-calculator';

/** Twelve stages (eleven open and the won stage), long Chinese names, all four notes. */
const LONG_NAMES = [
  '市场活动获取的潜在客户线索初步筛选与登记',
  '电话初访确认客户真实采购意向与预算范围',
  '首次上门拜访并了解客户现有业务流程与痛点',
  '组织产品演示并邀请技术部门与使用部门参加',
  '需求调研与解决方案初稿撰写及内部评审',
  '方案讲解与客户高层决策人沟通确认价值',
  '技术交流与样板客户参观考察安排',
  '商务报价与采购流程及付款条件初步确认',
  '招投标文件准备与正式投标及述标答疑环节',
  '合同条款谈判与法务审核及最终价格确认',
  '合同签订审批流程与盖章回传',
  '成交：合同生效并收到首笔预付款项',
];
const RATES = ['2', '3', '5', '8', '12', '18', '25', '35', '45', '60', '80', '100'];
const note = (i, what) => `第${i + 1}阶段${what}：确有其人、确有其事，以客户、时效、合同额为基础记录`;
const LONG_SCENARIO = '华东区二〇二七年度重点行业大客户拓展方案';

function longSave(lang) {
  const stages = LONG_NAMES.map((name, i) => ({
    id: i + 1,
    name,
    rate: RATES[i],
    dwell: i < 11 ? String(5 + i) : '',
    notes: {
      purpose: note(i, '目的'),
      milestone: note(i, '里程碑'),
      evidence: note(i, '证据'),
      actions: note(i, '行动'),
    },
  }));
  return {
    version: 2,
    settings: { lang, show_working: false, screen: 'Plan' },
    plan: {
      stages,
      next_id: 13,
      mode: 'WinRate',
      target_by: 'Revenue',
      revenue: '4800000',
      deal_size: '120000',
      deals: '40',
      confidence: '90',
      currency: 'CNY',
      period: 'NextQuarter',
      weeks: '12',
      today: '',
      leads_per_rep: '8',
    },
    active: 1,
    next_scenario: 2,
    scenarios: [{ id: 1, name: LONG_SCENARIO, plan: null }],
  };
}

/** The most stages (20), names of 22 characters, every note at its cap of
 * 500 characters: notes end in "…" on paper, names wrap whole. */
function fullSave(lang) {
  const base = LONG_NAMES.join('');
  const en = 'Confirm the buyer has a real need, a budget and a date, then book the demo with every decider. ';
  const stages = Array.from({ length: 20 }, (_, i) => ({
    id: i + 1,
    name: base.slice(i * 3, i * 3 + 22),
    rate: i === 19 ? '100' : String(i === 0 ? 1 : i * 5),
    dwell: i < 19 ? '7' : '',
    notes: {
      purpose: en.repeat(6).slice(0, 500),
      milestone: base.slice(0, 500),
      evidence: en.repeat(6).slice(0, 500),
      actions: base.slice(0, 500),
    },
  }));
  const save = longSave(lang);
  save.plan.stages = stages;
  save.plan.next_id = 21;
  return save;
}

/** Only the language: the default scenario (worked example 3 on the Quota preset). */
const defaultSave = (lang) => ({ version: 2, settings: { lang, show_working: false, screen: 'Pipeline' } });

let env;
let page;

before(async () => {
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  env = await start();
  page = env.context.pages()[0] ?? (await env.context.newPage());
  await page.goto(env.url);
});
after(() => env?.close());

async function open(save) {
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  await page.evaluate(([k, s]) => {
    localStorage.clear();
    localStorage.setItem(k, s);
  }, [KEY, JSON.stringify(save)]);
  await page.reload();
  await page.getByRole('tab').first().waitFor();
  await page.locator('.print-summary table.p-stages tbody tr').first().waitFor({ state: 'attached' });
}

/** The pages of a PDF, from poppler's pdfinfo. */
function pages(file) {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
}

/** Pixels of a PPM (binary P6) close to `rgb`, within `tol` on every channel. */
function countColour(ppmFile, [r, g, b], tol = 12) {
  const buf = readFileSync(ppmFile);
  // Header: P6 <ws> width <ws> height <ws> 255 <one ws>.
  const head = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  let n = 0;
  for (let i = head[0].length; i + 2 < buf.length; i += 3) {
    if (Math.abs(buf[i] - r) <= tol && Math.abs(buf[i + 1] - g) <= tol && Math.abs(buf[i + 2] - b) <= tol) n++;
  }
  return n;
}

/** Prints to PDF in both sizes with the screen in `scheme`; returns the files. */
async function printBoth(name, scheme, { wonBar = true } = {}) {
  // Print media, as a browser's Print does (emulated screen media would
  // print the screen); the colour scheme is the screen's setting.
  await page.emulateMedia({ media: 'print', colorScheme: scheme });
  const files = [];
  for (const format of ['A4', 'Letter']) {
    const file = join(OUT, `${name}-${scheme}-${format}.pdf`);
    writeFileSync(file, await page.pdf({ format }));
    assert.equal(pages(file), 1, `${file} is one page`);
    // Look at it: a PNG at 60 dpi for a person, a PPM to count the bar fill.
    execFileSync('pdftoppm', ['-r', '60', '-png', '-singlefile', file, file.replace(/\.pdf$/, '')]);
    execFileSync('pdftoppm', ['-r', '60', '-singlefile', file, file.replace(/\.pdf$/, '')]);
    const ppm = file.replace(/\.pdf$/, '.ppm');
    assert.ok(countColour(ppm, [0xb9, 0xd0, 0xf5]) > 200, `${file}: the open stages' bars keep their fill`);
    // (A won bar at 1 % of the widest is a sliver, too thin to count at 60 dpi.)
    if (wonBar) assert.ok(countColour(ppm, [0xb7, 0xe2, 0xc6]) > 3, `${file}: the won stage's bar keeps its fill`);
    rmSync(ppm);
    files.push(file);
  }
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  return files;
}

/** In print media: what shows, the colours, and whether anything overflows. */
async function inPrint(scheme) {
  await page.emulateMedia({ media: 'print', colorScheme: scheme });
  const r = await page.evaluate(() => {
    const lum = (c) => {
      const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map(Number).map((v) => {
        const s = v / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const summary = document.querySelector('.print-summary');
    const texts = [...summary.querySelectorAll('*')].filter((e) =>
      [...e.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim()),
    );
    // On white paper (backgrounds are not printed by default).
    const worst = Math.min(...texts.map((e) => 1.05 / (lum(getComputedStyle(e).color) + 0.05)));
    const overflow = texts
      .filter((e) => !e.closest('.p-note, .p-name'))
      .filter((e) => e.scrollWidth > e.clientWidth + 1)
      .map((e) => e.textContent);
    const shown = [...document.body.children]
      .filter((e) => getComputedStyle(e).display !== 'none')
      .map((e) => e.className);
    const nameCell = summary.querySelector('table.p-stages tbody th');
    const lineHeight = parseFloat(getComputedStyle(nameCell).lineHeight);
    return {
      worst,
      overflow,
      shown,
      nameLines: Math.round((nameCell.getBoundingClientRect().height - 4) / lineHeight),
      text: summary.innerText,
      buttons: summary.querySelectorAll('button, input, select, textarea').length,
    };
  });
  await page.emulateMedia({ media: 'screen', colorScheme: 'light' });
  return r;
}

test('on screen the summary is hidden; the Print button is there', async () => {
  await open(defaultSave('En'));
  assert.equal(await page.locator('.print-summary').evaluate((e) => getComputedStyle(e).display), 'none');
  await page.getByRole('button', { name: 'Print' }).waitFor();
});

for (const [lang, tag] of [
  ['En', 'en'],
  ['Zh', 'zh'],
]) {
  test(`12 long Chinese stages with notes, ${tag}: one page of A4 and Letter, light and dark`, async () => {
    await open(longSave(lang));
    for (const scheme of ['light', 'dark']) {
      const p = await inPrint(scheme);
      assert.deepEqual(p.shown, ['print-summary fit-m'], 'only the summary prints');
      assert.ok(p.worst >= 4.5, `text contrast ${p.worst.toFixed(2)} on white`);
      assert.deepEqual(p.overflow, [], 'no text runs out of its box');
      assert.equal(p.buttons, 0, 'no controls on paper');
      assert.ok(p.nameLines >= 2, `a long Chinese name wraps (${p.nameLines} lines)`);
      assert.ok(p.text.includes(LONG_SCENARIO), 'the scenario name');
      for (const name of LONG_NAMES) assert.ok(p.text.includes(name), `the whole name ${name}`);
      assert.match(p.text, lang === 'En' ? /Printed \w{3} \d{1,2}, \d{4}/ : /打印日期：\d{4}年\d{1,2}月\d{1,2}日/);
      assert.match(p.text, lang === 'En' ? /Revenue target\s+CN¥4,800,000/ : /收入目标\s+¥480万/);
      assert.match(p.text, lang === 'En' ? /Purpose/ : /目的/);
      assert.ok(p.text.includes('第1阶段目的'), 'the notes print');
      await printBoth(`long-${tag}`, scheme);
    }
  });

  test(`20 stages with notes at their cap, ${tag}: one page of A4 and Letter, dark`, async () => {
    await open(fullSave(lang));
    const p = await inPrint('dark');
    assert.deepEqual(p.shown, ['print-summary fit-l']);
    assert.ok(p.worst >= 4.5, `text contrast ${p.worst.toFixed(2)} on white`);
    assert.deepEqual(p.overflow, []);
    await printBoth(`full-${tag}`, 'dark', { wonBar: false });
  });

  test(`the default scenario, ${tag}, from the Pipeline screen: one page of A4 and Letter, light and dark`, async () => {
    await open(defaultSave(lang));
    for (const scheme of ['light', 'dark']) {
      const p = await inPrint(scheme);
      assert.deepEqual(p.shown, ['print-summary fit-xs']);
      assert.ok(p.worst >= 4.5, `text contrast ${p.worst.toFixed(2)} on white`);
      assert.deepEqual(p.overflow, []);
      // Worked example 3: 30 deals, 150 leads.
      assert.match(p.text, lang === 'En' ? /Leads needed\s+150 leads/ : /所需线索数\s+150/);
      await printBoth(`default-${tag}`, scheme);
    }
  });
}

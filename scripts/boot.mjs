// Part of the post_build hook (scripts/post-build.mjs): moves Trunk's inline
// loader, `<script type="module">import init … </script>`, out of
// index.html into its own file, boot-<hash>.js, loaded with
// `<script type="module" src=… integrity=…>`. The page's
// Content-Security-Policy (index.html, README "Security") allows scripts
// from the page's own origin only, never inline ones, so the inline loader
// would be refused and the app would never start.
//
// Any other inline script is an error: the policy would refuse it too, so
// the build stops here rather than ship a page that breaks in the browser.
// (Trunk's autoreload script of `trunk serve` is one; Trunk.toml turns it
// off.)
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The loader's file name is `boot-` + the first 16 hex digits of its SHA-256 + `.js`. */
export const BOOT = /^boot-[0-9a-f]{16}\.js$/;

const SCRIPT = /<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi;

/** True for the attributes of a script tag that loads a file. */
const hasSrc = (attrs) => /(^|\s)src\s*=/i.test(attrs);

/**
 * Writes `source` as the build's loader in `dir`, boot-<hash>.js, and points
 * index.html at it: the inline loader or a previous boot tag is replaced
 * (any older boot file is removed), so this also re-hashes a loader edited
 * by hand or by a test. Returns the file name.
 */
export function writeBoot(dir, source, publicUrl = process.env.TRUNK_PUBLIC_URL || './') {
  const bytes = Buffer.from(source);
  const name = `boot-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.js`;
  const integrity = 'sha384-' + createHash('sha384').update(bytes).digest('base64');
  const tag = `<script type=module src="${publicUrl}${name}" integrity="${integrity}"></script>`;
  const path = join(dir, 'index.html');
  const html = readFileSync(path, 'utf8');
  let found = 0;
  const out = html.replace(SCRIPT, (whole, attrs, body) => {
    const old = hasSrc(attrs) ? /boot-[0-9a-f]{16}\.js/.test(attrs) : isLoader(attrs, body);
    if (!old) return whole;
    found += 1;
    return tag;
  });
  if (found !== 1) throw new Error(`boot.mjs: expected one loader script in ${path}, found ${found}`);
  for (const old of readdirSync(dir)) {
    if (BOOT.test(old) && old !== name) rmSync(join(dir, old));
  }
  writeFileSync(join(dir, name), bytes);
  writeFileSync(path, out);
  return name;
}

/** Trunk's loader: an inline module script importing the wasm-bindgen glue's `init`. */
function isLoader(attrs, body) {
  return /\btype\s*=\s*["']?module\b/i.test(attrs) && /\bimport\s+init\b/.test(body);
}

/**
 * Moves the inline loader of `dir`/index.html to boot-<hash>.js; fails if
 * any other inline script is left, as the policy would refuse it.
 */
export function externalizeLoader(dir) {
  const html = readFileSync(join(dir, 'index.html'), 'utf8');
  const inline = [...html.matchAll(SCRIPT)].filter(([, attrs]) => !hasSrc(attrs));
  const loaders = inline.filter(([, attrs, body]) => isLoader(attrs, body));
  const others = inline.filter(([, attrs, body]) => !isLoader(attrs, body));
  if (others.length > 0) {
    throw new Error(
      `boot.mjs: ${others.length} inline script(s) in index.html besides Trunk's loader; ` +
        "the Content-Security-Policy refuses inline scripts (trunk serve's autoreload is off in Trunk.toml for this reason):\n" +
        others.map(([whole]) => '  ' + whole.slice(0, 120)).join('\n'),
    );
  }
  // Run a second time (by hand): already done.
  const done = /<script\b[^>]*\ssrc\s*=\s*["']?[^"'\s>]*(boot-[0-9a-f]{16}\.js)/i.exec(html);
  if (loaders.length === 0 && done) return done[1];
  if (loaders.length !== 1) throw new Error(`boot.mjs: expected Trunk's one inline loader in index.html, found ${loaders.length}`);
  // The loader's module specifiers are relative ('./funnel-calculator-….js'):
  // in a file beside index.html they resolve to the same URLs.
  return writeBoot(dir, loaders[0][2].trim() + '\n');
}

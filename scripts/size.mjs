// Release-size report: raw and brotli size of the wasm and JS that the page loads.
// Usage: node scripts/size.mjs dist
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';

const dir = process.argv[2] ?? 'dist';
const kb = (n) => (n / 1024).toFixed(1).padStart(7) + ' KiB';
let raw = 0;
let br = 0;
for (const name of readdirSync(dir).sort()) {
  if (!/\.(wasm|js|css|html)$/.test(name)) continue;
  const bytes = readFileSync(join(dir, name));
  const compressed = brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length },
  }).length;
  console.log(`${name.replace(/-[0-9a-f]{16}/, '').padEnd(32)} ${kb(bytes.length)} raw ${kb(compressed)} brotli`);
  if (/\.(wasm|js)$/.test(name)) {
    raw += bytes.length;
    br += compressed;
  }
}
console.log(`${'wasm + js'.padEnd(32)} ${kb(raw)} raw ${kb(br)} brotli`);

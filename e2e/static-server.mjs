// A small static file server for the release build (dist/), on 127.0.0.1 only.
// Usage: node e2e/static-server.mjs DIR PORT — or import { serve } for tests.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
};

/**
 * The Content-Security-Policy of the page in `root`/index.html (its `<meta
 * http-equiv>`), plus what only a header can carry: `frame-ancestors 'none'`
 * (no other site may frame the page). Sent with every response, so the
 * service worker (sw.js) runs under it too. Null when there is no policy.
 */
export async function policyOf(root) {
  const html = await readFile(join(root, 'index.html'), 'utf8').catch(() => '');
  const meta = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy\b[^>]*>/i.exec(html);
  const content = meta && /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(meta[0]);
  if (!content) return null;
  return `${(content[1] ?? content[2]).trim().replace(/;\s*$/, '')}; frame-ancestors 'none'`;
}

/** Serves `dir` on 127.0.0.1:`port` (0 picks a free port); resolves to { server, url }. */
export function serve(dir, port = 0) {
  const root = resolve(dir);
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    // A share link whose '#' was escaped (%23) by an in-app browser: the page.
    if (path.includes('#')) path = path.slice(0, path.indexOf('#')).replace(/index\.html$/, '');
    const file = normalize(join(root, path.endsWith('/') ? path + 'index.html' : path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      const body = await readFile(file);
      const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
      // Read per request: a test may deploy another build into `dir`.
      const policy = await policyOf(root);
      if (policy) headers['content-security-policy'] = policy;
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok({ server, url: `http://127.0.0.1:${server.address().port}/` })));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir = 'dist', port = '8080'] = process.argv.slice(2);
  const { url } = await serve(dir, Number(port));
  console.log(`Serving ${dir} on ${url}`);
}

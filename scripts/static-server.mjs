// A plain static file server: the built library (dist/), the examples and the e2e test pages, as a
// page without a bundler sees them. Everything under /csp/ is the same site served with a strict
// Content-Security-Policy header. Used by the e2e tests and by `npm run examples`.
//   node scripts/static-server.mjs [--port 4174]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The policy a careful page sets: its own scripts and wasm compilation, nothing inline. */
export const STRICT_CSP = "script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
};

/** Only these folders of the repository are served. */
const SERVED = ['dist', 'examples', join('web', 'e2e', 'pages')];

/** Serves `root` on 127.0.0.1 (`port` 0: any free port); resolves to the base URL and the server. */
export async function serveStatic(root, port = 0) {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const strict = path.startsWith('/csp/');
    if (strict) path = path.slice(4);
    const file = normalize(join(root, path));
    const allowed = SERVED.some((dir) => file.startsWith(join(root, dir) + sep));
    if (!allowed || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`not found: ${path}`);
      return;
    }
    const headers = { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' };
    if (strict) headers['content-security-policy'] = STRICT_CSP;
    response.writeHead(200, headers);
    createReadStream(file).pipe(response);
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, server };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf('--port');
  const port = at > 0 ? Number(process.argv[at + 1]) : 4174;
  const root = join(fileURLToPath(new URL('.', import.meta.url)), '..');
  const { url } = await serveStatic(root, port);
  console.log(`Examples: ${url}examples/embed.html   (the same under a strict CSP: ${url}csp/examples/embed.html)`);
}

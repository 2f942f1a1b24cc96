/**
 * A tiny static file server for tests: serves `root` under `base` (e.g. /coresweep-test/) on 127.0.0.1 and answers
 * 404 for anything outside the base, so a link that forgets the base fails. Directory URLs serve index.html.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * @param {string} root directory to serve
 * @param {string} base URL path prefix, with leading and trailing slash
 * @returns {Promise<{ origin: string, url: (path?: string) => string, requests: string[], close: () => Promise<void> }>}
 */
export async function serveStatic(root, base) {
  /** @type {string[]} */
  const requests = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    const notFound = () => {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end(`not found: ${path}`);
    };
    if (!path.startsWith(base)) return notFound();
    const relativePath = normalize(path.slice(base.length));
    if (relativePath.startsWith('..') || relativePath.includes(`${sep}..${sep}`)) return notFound();
    let file = join(root, relativePath);
    try {
      let stat = statSync(file);
      if (stat.isDirectory()) {
        if (!path.endsWith('/')) {
          res.writeHead(301, { location: `${path}/` });
          return res.end();
        }
        file = join(file, 'index.html');
        stat = statSync(file);
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': stat.size,
      });
      createReadStream(file).pipe(res);
    } catch {
      notFound();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(undefined)));
  const address = server.address();
  const origin = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    url: (path = '') => `${origin}${base}${path.replace(/^\/+/, '')}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve(undefined));
      }),
  };
}

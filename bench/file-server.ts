/**
 * W3's large files (its 360 MB of records, the entries of its exported bundle) served to the page
 * by a plain HTTP server on 127.0.0.1 (another port, CORS open), streamed from disk.
 *
 * The W1 and W2 files reach the page through Playwright's request interception (browser.ts,
 * /__bench/NAME): every body crosses the DevTools protocol as one base64 message, which does not
 * scale to hundreds of megabytes. The profile lets this origin through (`allowOrigins`).
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BenchFiles } from './browser';

export interface FileServer {
  /** http://127.0.0.1:PORT (files at /NAME). */
  readonly url: string;
  close(): Promise<void>;
}

/** Serves every entry of `files` (looked up on each request, so later entries count) at /NAME. */
export async function startFileServer(files: BenchFiles): Promise<FileServer> {
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cache-Control', 'no-store');
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname.slice(1));
    const f = files.get(name);
    if (!f || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(404).end('no such bench file');
      return;
    }
    if ('path' in f) {
      res.writeHead(200, { 'Content-Type': name.endsWith('.json') ? 'application/json' : 'application/octet-stream', 'Content-Length': statSync(f.path).size });
      if (req.method === 'HEAD') res.end();
      else createReadStream(f.path).pipe(res);
    } else {
      const body = typeof f.body === 'string' ? Buffer.from(f.body, 'utf8') : f.body;
      res.writeHead(200, { 'Content-Type': f.contentType, 'Content-Length': body.length });
      res.end(req.method === 'HEAD' ? undefined : body);
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

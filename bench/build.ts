/**
 * Builds the app for the benchmark (its own output directory, so that a concurrent `vite build`
 * for the end-to-end tests is left alone) and measures the JavaScript the first screen needs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';

export function buildApp(root: string, outDir: string, extra: readonly string[] = []): void {
  const vite = join(root, 'node_modules', '.bin', 'vite');
  const result = spawnSync(vite, ['build', '--outDir', outDir, '--emptyOutDir', '--manifest', '--logLevel', 'warn', ...extra], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    timeout: 300_000,
  });
  if (result.error) throw new Error(`vite build could not run: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`vite build failed (exit ${result.status ?? result.signal})`);
}

interface ManifestChunk {
  readonly file: string;
  readonly imports?: readonly string[];
  readonly isEntry?: boolean;
  readonly src?: string;
}

export interface InitialJs {
  /** Files (relative to outDir) the first screen loads, entry first. */
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
  readonly gzipKb: number;
  readonly method: 'manifest' | 'html';
}

const gz = (buf: Buffer) => gzipSync(buf).length;

/**
 * The JavaScript that index.html loads before anything is clicked: its module script, its
 * modulepreload links and, transitively, their static imports (from Vite's manifest, written by
 * `vite build --manifest`); dynamic imports (lazy chunks) are left out. Each file is gzipped on
 * its own (zlib's default level 6, as Vite's preview server sends it), sizes summed. Without a
 * manifest, the static imports are followed in the built files themselves.
 */
export function initialJs(outDir: string): InitialJs {
  const html = readFileSync(join(outDir, 'index.html'), 'utf8');
  const fromHtml = [
    ...[...html.matchAll(/<script[^>]*type="module"[^>]*src="\/?([^"]+)"/g)].map((m) => m[1] ?? ''),
    ...[...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="\/?([^"]+)"/g)].map((m) => m[1] ?? ''),
  ].filter(Boolean);
  const files = new Set<string>();
  const manifestPath = join(outDir, '.vite', 'manifest.json');
  let method: InitialJs['method'] = 'html';
  if (existsSync(manifestPath)) {
    method = 'manifest';
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Record<string, ManifestChunk>;
    const visit = (key: string) => {
      const chunk = manifest[key];
      if (!chunk || files.has(chunk.file)) return;
      files.add(chunk.file);
      for (const k of chunk.imports ?? []) visit(k);
    };
    for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry && key.endsWith('.html')) visit(key);
    // whatever index.html preloads itself counts too (normally already there)
    for (const f of fromHtml) if (f.endsWith('.js')) files.add(f);
  } else {
    const queue = fromHtml.filter((f) => f.endsWith('.js'));
    while (queue.length) {
      const f = queue.shift() as string;
      if (files.has(f)) continue;
      files.add(f);
      const src = readFileSync(join(outDir, f), 'utf8');
      // static imports only: `import{..}from"./x.js"` and `import"./x.js"`; not `import("./x.js")`
      for (const m of src.matchAll(/(?:\bfrom|\bimport)\s*["'](\.{1,2}\/[^"']+\.js)["']/g)) queue.push(posix.join(posix.dirname(f), m[1] ?? ''));
    }
  }
  let bytes = 0;
  let gzipBytes = 0;
  for (const f of files) {
    const buf = readFileSync(join(outDir, f));
    bytes += buf.length;
    gzipBytes += gz(buf);
  }
  return { files: [...files], bytes, gzipBytes, gzipKb: gzipBytes / 1024, method };
}

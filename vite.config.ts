import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import type { Plugin } from 'vite';

/**
 * The Content-Security-Policy of the app: served as a header by the preview server and written
 * into index.html as a meta tag at build (below), so that the service worker's offline
 * copy carries it too. Everything comes from the app's own origin; nothing is fetched elsewhere.
 *
 * - no inline or remote script (`script-src 'self'`), no plug-ins, no `<base>`, no form posts;
 * - styles only from the app, plus inline styles: the transcript's highlight colours and the
 *   charts' styles are written at run time (a `<style>` per painter, Observable Plot's own);
 *   no remote style sheet, font or image;
 * - `connect-src`: the app's own origin (the service worker's precache) and team servers for the
 *   optional live sync (src/sync): any https server, and http only on this machine (a CouchDB on
 *   localhost to try it out). A team server is one the user typed; the app connects to nothing
 *   else, and a project that is not connected makes no request at all (the end-to-end tests check
 *   both). An institution that serves Markeer itself can narrow it to its own CouchDB at build:
 *   `MARKEER_TEAM_SERVERS="https://couch.example.org" npm run build`.
 *
 * `frame-ancestors` is honoured only in a header (a meta tag would log an error), so it is added
 * to the header alone.
 */
const APP_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  `connect-src 'self' ${process.env.MARKEER_TEAM_SERVERS ?? 'https: http://localhost:* http://127.0.0.1:*'}`,
  "worker-src 'self' blob:",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The header's policy: the meta tag's, and no framing by other sites. */
const APP_POLICY_HEADER = `${APP_POLICY}; frame-ancestors 'none'`;

/** The Content-Security-Policy as a meta tag in the built index.html (not in the dev server, whose hot reload needs inline script). */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'markeer-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: APP_POLICY }, injectTo: 'head-prepend' }],
  };
}

// Unit and component tests run in jsdom; end-to-end tests (tests/e2e) have their own config.
export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicy(),
    // Offline use: a service worker precaches the whole built app (every chunk, font and icon), so
    // that after one visit Markeer loads and works without a network, and Chromium can install it.
    // The data never goes through it: it lives in IndexedDB. A new version takes over on the next
    // load (autoUpdate); precaching fetches only from the app's own origin.
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeAssets: ['favicon.svg'],
      manifest: {
        name: 'Markeer',
        short_name: 'Markeer',
        description: 'Kwalitatief coderen van interviewtranscripten, helemaal in je browser.',
        lang: 'nl',
        start_url: '.',
        scope: '.',
        display: 'standalone',
        background_color: '#ffffff',
        theme_color: '#1d4e89',
        icons: [
          { src: 'icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: 'icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: 'icon-512-maskable.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff,woff2,wasm,json}'],
        // The largest lazily loaded chunks (Lexical, charts) are well under this.
        maximumFileSizeToCacheInBytes: 8 * 1024 * 1024,
        navigateFallback: 'index.html',
        cleanupOutdatedCaches: true,
      },
      devOptions: { enabled: false },
    }),
  ],
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 5173, headers: { 'Content-Security-Policy': APP_POLICY_HEADER } },
  build: { target: 'es2022', sourcemap: false, chunkSizeWarningLimit: 1500 },
  test: {
    globals: true,
    environment: 'jsdom',
    setupFiles: ['./src/test-setup.ts'],
    include: ['src/**/*.test.{ts,tsx}'],
    testTimeout: 20000,
  },
});

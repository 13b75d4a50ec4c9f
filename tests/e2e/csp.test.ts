import { describe, expect, it } from 'vitest';
import { newAppPage, servedApp } from './harness';

describe('the Content-Security-Policy', () => {
  const served = servedApp();

  it('comes with the app as a header and a meta tag, and a script or a remote image slipped into the page is reported, not run', async () => {
    const app = await newAppPage(served.browser, served.server.url, { navigate: false });
    const { page } = app;
    const response = await page.goto(served.server.url);
    const header = response?.headers()['content-security-policy'] ?? '';
    expect(header).toContain("script-src 'self'");
    expect(header).toContain("object-src 'none'");
    expect(header).toContain("base-uri 'none'");
    expect(header).toContain("frame-ancestors 'none'");
    const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
    // Team servers (live sync): https anywhere, http only on this machine.
    expect(meta).toContain("connect-src 'self' https: http://localhost:* http://127.0.0.1:*");
    expect(meta).not.toContain('frame-ancestors');
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).waitFor();

    const outcome = await page.evaluate(async () => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.violatedDirective} ${e.blockedURI}`));
      const w = window as unknown as { pwned?: number };
      const script = document.createElement('script');
      script.textContent = 'window.pwned = 1';
      document.body.append(script);
      const img = document.createElement('img');
      img.src = 'https://example.org/pixel.png';
      document.body.append(img);
      const handler = document.createElement('div');
      handler.innerHTML = '<img src="data:," onerror="window.pwned = 2">';
      document.body.append(handler);
      await new Promise((r) => setTimeout(r, 300));
      return { pwned: w.pwned ?? null, violations };
    });
    expect(outcome.pwned).toBeNull();
    expect(outcome.violations.some((v) => v.startsWith('script-src-elem inline'))).toBe(true);
    expect(outcome.violations.some((v) => v.startsWith('img-src https://example.org'))).toBe(true);
    expect(outcome.violations.some((v) => v.startsWith('script-src-attr inline'))).toBe(true);
    // The remote image never left the machine.
    expect(app.externalRequests).toEqual([]);
  });

  it('keeps the policy in the offline copy the service worker serves', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page, context } = app;
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).waitFor();
    await page.waitForFunction(
      async () => {
        const registration = await navigator.serviceWorker.ready;
        return registration.active?.state === 'activated' && navigator.serviceWorker.controller !== null;
      },
      undefined,
      { timeout: 30_000 },
    );
    await context.setOffline(true);
    await page.reload();
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).waitFor();
    expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain("script-src 'self'");
    // Opening the demo (charts, highlights, workers) under the policy logs no violation.
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    expect(app.errors).toEqual([]);
  });
});

import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';
const svg = readFileSync('/work/main/public/favicon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'] });
for (const [size, maskable] of [[192, false], [512, false], [512, true]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  // Maskable icons keep their content inside the middle 80%: the mark on a full-bleed background.
  const inner = maskable ? `<div style="width:${size}px;height:${size}px;background:#1d4e89;display:flex;align-items:center;justify-content:center"><img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" style="width:${size * 0.7}px;height:${size * 0.7}px"></div>` : `<img src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}" style="width:${size}px;height:${size}px;display:block">`;
  await page.setContent(`<html><body style="margin:0;background:transparent">${inner}</body></html>`);
  await page.screenshot({ path: `/work/main/public/icon-${size}${maskable ? '-maskable' : ''}.png`, omitBackground: !maskable });
  await page.close();
}
await browser.close();

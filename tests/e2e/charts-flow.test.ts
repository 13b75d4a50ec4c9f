import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { newAppPage, runAxe, screenshot, servedApp } from './harness';

const downloads = mkdtempSync(join(tmpdir(), 'markeer-charts-'));
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('charts in the analysis screen', () => {
  const served = servedApp();

  it('draws code frequencies by respondent group from the demo project and saves them as SVG and PNG', async () => {
    const app = await newAppPage(served.browser, served.server.url);
    const { page } = app;
    const chartLibrary: string[] = [];
    page.on('request', (r) => {
      if (/\/assets\/draw-[^/]*\.js$/.test(r.url())) chartLibrary.push(r.url());
    });
    await page.getByRole('button', { name: 'Voorbeeldproject openen' }).click();
    await page.getByRole('tree').waitFor();
    await page.getByRole('link', { name: 'Analyse' }).click();
    await page.getByRole('tab', { name: 'Documenten en variabelen' }).waitFor();
    // The charting library is not part of the app until a chart is opened.
    expect(chartLibrary).toEqual([]);

    await page.getByRole('tab', { name: 'Grafieken' }).click();
    await page.getByLabel('Per', { exact: true }).selectOption({ label: 'respondentgroep' });
    const title = 'Gecodeerde segmenten per code, per respondentgroep';
    const chart = page.getByRole('img', { name: title });
    await chart.waitFor();
    expect(chartLibrary).toHaveLength(1);
    // The demo's respondent groups are the ticks of the chart.
    const svgText = (await chart.textContent()) ?? '';
    for (const group of ['Ouder', 'Leraar', 'Leerling', 'Schoolleiding']) expect(svgText).toContain(group);
    expect(await runAxe(page), 'axe on the charts tab').toEqual([]);
    await screenshot(page, 'charts-bars');

    // Save as SVG: a well-formed SVG file with its title.
    const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Opslaan als SVG' }).click()]);
    expect(svgDownload.suggestedFilename()).toBe(`${title}.svg`);
    const svgPath = join(downloads, 'chart.svg');
    await svgDownload.saveAs(svgPath);
    const svg = readFileSync(svgPath, 'utf8');
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
    expect(XMLValidator.validate(svg)).toBe(true);
    const root = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(svg).svg as Record<string, unknown>;
    expect(root.xmlns).toBe('http://www.w3.org/2000/svg');
    expect(root.title).toMatchObject({ '#text': title });
    const width = Number(root.width);
    const height = Number(root.height);
    expect(width).toBeGreaterThan(300);

    // Save as PNG: twice the SVG's size, on white, with the bars in colour.
    const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Opslaan als PNG' }).click()]);
    expect(pngDownload.suggestedFilename()).toBe(`${title}.png`);
    const pngPath = join(downloads, 'chart.png');
    await pngDownload.saveAs(pngPath);
    const png = readFileSync(pngPath);
    expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
    expect(png.readUInt32BE(16)).toBe(width * 2);
    expect(png.readUInt32BE(20)).toBe(height * 2);
    const pixels = await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no canvas');
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      let coloured = 0;
      for (let i = 0; i < data.length; i += 4) {
        const [r = 0, g = 0, b = 0] = [data[i], data[i + 1], data[i + 2]];
        if (Math.max(r, g, b) - Math.min(r, g, b) > 60) coloured++;
      }
      return { corner: [...data.subarray(0, 4)], coloured };
    }, png.toString('base64'));
    expect(pixels.corner).toEqual([255, 255, 255, 255]);
    expect(pixels.coloured).toBeGreaterThan(1000);

    // The numbers as a table, by keyboard.
    await page.getByRole('button', { name: 'Als tabel tonen' }).focus();
    await page.keyboard.press('Enter');
    const table = page.getByRole('table', { name: title });
    await table.waitFor();
    expect(await table.getByRole('columnheader').allTextContents()).toEqual(expect.arrayContaining(['Code', 'Ouder', 'Leraar']));

    // The co-occurrence heat map.
    await page.getByLabel('Grafiek', { exact: true }).selectOption({ label: 'Samen voorkomen van codes (heatmap)' });
    await page.getByRole('img', { name: 'Samen voorkomen van codes' }).waitFor();
    await page.getByRole('combobox', { name: 'Documenten', exact: true }).selectOption({ label: 'school: De Noorderhaven' });
    await page.getByRole('img', { name: 'Samen voorkomen van codes (school: De Noorderhaven)' }).waitFor();
    expect(await runAxe(page), 'axe on the heat map').toEqual([]);
    await screenshot(page, 'charts-heatmap');

    expect(app.externalRequests).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { startTestCouch, type TestCouch } from '../../src/sync/test-server';
import { newAppPage, ROOT, runAxe, screenshot, servedApp, type AppPage } from './harness';
import { MarkeerPage, projectAction } from './markeer-page';

const SAMPLES = join(ROOT, 'src', 'io', 'import', 'fixtures');
const dir = mkdtempSync(join(tmpdir(), 'markeer-team-sync-'));
const DOC = 'school-noord-leiding';
const P1 = 'We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.';
const P2 = 'De docenten gaven dat door aan de mentor';
const P3 = 'gewoon niet online';
const CODE = 'Signalen opmerken';
const PASSWORD = 'wachtwoord-1';

/** The status in the project header: "Synchronisatie: …". */
function status(page: Page) {
  return page.locator('.project-header').getByRole('button', { name: /^Synchronisatie:/ });
}

async function statusName(page: Page): Promise<string> {
  return (await status(page).getAttribute('aria-label')) ?? (await status(page).textContent()) ?? '';
}

async function segmentsShown(page: Page): Promise<number> {
  return new MarkeerPage(page).segmentCount();
}

/** Opens a join link in a fresh profile and joins as `user`; returns when the project is open. */
async function joinByLink(app: AppPage, link: string, user: string, coderName: string): Promise<void> {
  const { page } = app;
  await page.goto(link);
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Gebruikersnaam').fill(user);
  await dialog.getByLabel('Wachtwoord').fill(PASSWORD);
  await dialog.getByLabel('Je naam als codeur').fill(coderName);
  await dialog.getByRole('button', { name: 'Deelnemen' }).click();
  await page.locator('.project-header').waitFor({ timeout: 30_000 });
  await page.getByRole('tree').waitFor();
}

/**
 * The page's errors, without the browser's own note on a request to the team server that failed
 * ("Failed to load resource"): a 404 for a replication checkpoint or the rules' design document
 * that is not there yet is how CouchDB clients find out, and offline every request fails. The app
 * handles both; no person sees these notes.
 */
function appErrors(app: AppPage): string[] {
  return app.errors.filter((e) => !(e.startsWith('console.error: Failed to load resource') && e.includes(new URL(couchUrl).host)));
}
let couchUrl = 'http://127.0.0.1/';

/** The page's errors, named by whose page it is, so that a failure says where. */
function expectNoAppErrors(apps: Record<string, AppPage>): void {
  for (const [who, app] of Object.entries(apps)) {
    expect({ who, requests: app.externalRequests }).toEqual({ who, requests: [] });
    expect({ who, errors: appErrors(app) }).toEqual({ who, errors: [] });
  }
}

/**
 * Waits until the page has read the analyses' code and then the project ahead (it does so when
 * idle, after opening): a page taken offline in the middle of that logs its failed requests.
 */
async function readAheadDone(app: AppPage): Promise<void> {
  await app.page.waitForFunction(() => performance.getEntriesByName('markeer:project-read').length > 0, null, { timeout: 20_000 });
}

async function screenshotOnFail<T>(page: Page, name: string, body: () => Promise<T>): Promise<T> {
  try {
    return await body();
  } catch (e) {
    await screenshot(page, `team-sync-${name}`);
    throw e;
  }
}

/** Closes a dialog with Escape, as a person would (again, while it is still busy). */
async function closeDialog(page: Page, dialog: ReturnType<Page['getByRole']>): Promise<void> {
  await expect
    .poll(
      async () => {
        if ((await dialog.count()) === 0) return true;
        await page.keyboard.press('Escape');
        return (await dialog.count()) === 0;
      },
      { timeout: 15_000 },
    )
    .toBe(true);
}

/** Renames a code through the codebook's details (select it, "Naam wijzigen", type, Enter). */
async function renameCode(page: Page, from: string, to: string): Promise<void> {
  const m = new MarkeerPage(page);
  await page.getByRole('tab', { name: 'Codeboek' }).click();
  await m.codeRow(from).click();
  const details = page.getByRole('region', { name: 'Eigenschappen van de code' });
  await details.getByRole('button', { name: 'Naam wijzigen' }).click();
  const field = details.getByRole('textbox', { name: `Nieuwe naam voor “${from}”` });
  await field.fill(to);
  await field.press('Enter');
  await m.codeRow(to).waitFor();
}

describe('live team work through a CouchDB', () => {
  const served = servedApp();
  let couch: TestCouch;
  let dbUrl = '';
  let link = '';
  let lead: AppPage;
  let anna: AppPage;
  let bram: AppPage;

  beforeAll(async () => {
    couch = await startTestCouch();
    couchUrl = couch.url;
    for (const user of ['lea', 'anna', 'bram']) await couch.createUser(user, PASSWORD);
    // As the university's IT would: a database with the lead as its admin.
    dbUrl = await couch.createDatabase('interviews-2027', { admins: ['lea'], members: [] });
  }, 60_000);
  afterAll(async () => {
    await couch?.stop();
  });

  const open = (url: string) => newAppPage(served.browser, url, { allowOrigins: [couch.url] });

  it('the lead connects a project; two coders join by the link; each coding appears at the lead within seconds', async () => {
    const handout = join(dir, 'handout.markeer');
    expect(await run(['new', handout, '--name', 'Teamproject', '--coder', 'Lea', join(SAMPLES, `${DOC}.txt`)], { out: () => undefined, err: () => undefined })).toBe(0);
    lead = await open(served.server.url);
    const { page } = lead;
    await page.locator('input[type=file][accept*=".markeer"]').setInputFiles(handout);
    const ask = page.getByRole('dialog');
    await ask.getByLabel('Je naam als codeur').fill('Lea');
    await ask.getByRole('button', { name: 'Importeren' }).click();
    await page.getByRole('tree').waitFor();
    // Not connected: no status, and nothing went anywhere.
    expect(await status(page).count()).toBe(0);

    await projectAction(page, 'Teamserver…');
    const dialog = page.getByRole('dialog', { name: /Teamserver/ });
    await dialog.getByLabel('Database-URL').fill(dbUrl);
    await dialog.getByLabel('Gebruikersnaam').fill('lea');
    await dialog.getByLabel('Wachtwoord').fill(PASSWORD);
    await dialog.getByLabel('Teamleden').fill('anna, bram');
    await dialog.getByRole('button', { name: 'Verbinden' }).click();
    const linkField = dialog.getByLabel('Deelnamelink');
    await linkField.waitFor({ timeout: 30_000 });
    link = (await linkField.inputValue()) || ((await linkField.textContent()) ?? '');
    expect(link).toContain('#/join?db=');
    expect(await runAxe(page)).toEqual([]);
    await screenshot(page, 'team-sync-connected');
    await closeDialog(page, dialog);
    await expect.poll(() => statusName(page), { timeout: 30_000 }).toMatch(/Gesynchroniseerd/);
    // The password is kept nowhere: not in localStorage, not in IndexedDB's meta.
    const stored = await page.evaluate(async () => {
      const all = JSON.stringify({ ...localStorage });
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open('markeer');
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
      const meta = await new Promise<unknown[]>((resolve) => {
        const r = db.transaction('meta').objectStore('meta').getAll();
        r.onsuccess = () => resolve(r.result);
      });
      return all + JSON.stringify(meta);
    });
    expect(stored).not.toContain(PASSWORD);

    anna = await open(served.server.url);
    await joinByLink(anna, link, 'anna', 'Anna');
    const a = new MarkeerPage(anna.page);
    await a.openDocument(DOC);
    await a.selectWithMouse(P1);
    await a.codeRow(CODE).click();
    await expect.poll(() => segmentsShown(anna.page)).toBe(1);

    const l = new MarkeerPage(page);
    await l.openDocument(DOC);
    const t0 = Date.now();
    await expect.poll(() => segmentsShown(page), { timeout: 10_000 }).toBe(1);
    expect(Date.now() - t0).toBeLessThan(10_000);
    await page.getByRole('tab', { name: 'Codeboek' }).click();
    await expect.poll(() => l.codeRow(CODE).locator('.cb-count').getAttribute('data-value')).toBe('1');
    // Anna is a coder of the project, with her team server account.
    await page.locator('.project-header .coder-name').click();
    const coders = page.getByRole('dialog', { name: 'Codeurs' });
    await expect.poll(() => coders.textContent()).toContain('Anna · teamserver: anna');
    expect(await coders.textContent()).toContain('Lea · teamserver: lea');
    await closeDialog(page, coders);

    bram = await open(served.server.url);
    await joinByLink(bram, link, 'bram', 'Bram');
    const b = new MarkeerPage(bram.page);
    await b.openDocument(DOC);
    // Bram sees Anna's segment (everyone's coding), and codes one passage himself.
    await expect.poll(() => segmentsShown(bram.page)).toBe(1);
    await b.selectWithMouse(P2);
    await b.codeRow(CODE).click();
    await expect.poll(() => segmentsShown(bram.page)).toBe(2);
    await expect.poll(() => segmentsShown(page), { timeout: 10_000 }).toBe(2);
    expectNoAppErrors({ lead, anna, bram });
  });

  it('a coder codes offline, and everything arrives when the network is back', async () => {
    const b = new MarkeerPage(bram.page);
    await readAheadDone(bram);
    await bram.context.setOffline(true);
    await expect.poll(() => statusName(bram.page), { timeout: 20_000 }).toMatch(/Offline/);
    await b.selectWithMouse(P3);
    await b.codeRow(CODE).click();
    await expect.poll(() => segmentsShown(bram.page)).toBe(3);
    await expect.poll(() => statusName(bram.page)).toMatch(/wacht/);
    // Nothing arrives at the lead meanwhile.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await segmentsShown(lead.page)).toBe(2);
    await bram.context.setOffline(false);
    await expect.poll(() => segmentsShown(lead.page), { timeout: 20_000 }).toBe(3);
    await expect.poll(() => statusName(bram.page), { timeout: 20_000 }).toMatch(/Gesynchroniseerd/);
    expectNoAppErrors({ lead, anna, bram });
  });

  it("a coder's change to another coder's segment is refused by the server, shown to them, and nothing of theirs is lost", async () => {
    const { page } = bram;
    const b = new MarkeerPage(page);
    // Anna's segment, opened from the transcript; Bram writes a comment on it.
    await b.clickInPhrase('merkten al');
    const panel = page.getByRole('region', { name: 'Segment' });
    await panel.waitFor();
    expect(await panel.textContent()).toContain('Anna');
    await screenshotOnFail(page, 'bram-panel', () => panel.locator('[contenteditable="true"][aria-label="Opmerking"]').waitFor());
    await panel.getByRole('textbox', { name: 'Opmerking' }).click();
    await page.keyboard.type('Bram was hier');
    await panel.getByRole('button', { name: 'Opmerking opslaan' }).click();
    // The app asks first: it is Anna's work.
    await page.getByRole('alertdialog').getByRole('button', { name: 'Toch opslaan' }).click();
    await expect.poll(() => statusName(page), { timeout: 20_000 }).toMatch(/[Gg]eweigerd/);
    await status(page).click();
    const details = page.getByRole('dialog');
    await expect.poll(() => details.textContent()).toMatch(/anna/i);
    await screenshot(page, 'team-sync-refused');
    expect(await runAxe(page)).toEqual([]);
    await closeDialog(page, details);
    // Bram's own two segments are at the lead; Anna's segment there has no comment.
    await expect.poll(() => segmentsShown(lead.page)).toBe(3);
    await new MarkeerPage(lead.page).clickInPhrase('merkten al');
    const leadPanel = lead.page.getByRole('region', { name: 'Segment' });
    await leadPanel.waitFor();
    expect(await leadPanel.textContent()).not.toContain('Bram was hier');
    // And Bram's comment is still in his browser (exportable), after a reload too.
    await page.reload();
    await b.openDocument(DOC);
    await b.clickInPhrase('merkten al');
    await expect.poll(() => page.getByRole('region', { name: 'Segment' }).textContent()).toContain('Bram was hier');
  });

  it('a new browser profile of the lead gets the whole project; a code renamed in both while offline is a conflict, shown and resolved', async () => {
    const laptop = await open(served.server.url);
    await joinByLink(laptop, link, 'lea', 'Lea');
    const lt = new MarkeerPage(laptop.page);
    await lt.openDocument(DOC);
    await expect.poll(() => segmentsShown(laptop.page), { timeout: 20_000 }).toBe(3);
    for (const app of [lead, laptop]) await readAheadDone(app);

    await lead.context.setOffline(true);
    await laptop.context.setOffline(true);
    await renameCode(lead.page, CODE, 'Signalen zien');
    await renameCode(laptop.page, CODE, 'Signalen merken');
    await lead.context.setOffline(false);
    await laptop.context.setOffline(false);

    // Both show the same winner meanwhile, and say there is a conflict.
    await expect.poll(() => statusName(lead.page), { timeout: 30_000 }).toMatch(/[Cc]onflict/);
    await status(lead.page).click();
    const details = lead.page.getByRole('dialog');
    await details.getByRole('button', { name: /[Bb]ekijk|[Oo]plossen|Kiezen/ }).first().click();
    const conflict = lead.page.getByRole('dialog', { name: /[Cc]onflict/ });
    await expect.poll(() => conflict.textContent()).toContain('Signalen zien');
    expect(await conflict.textContent()).toContain('Signalen merken');
    expect(await runAxe(lead.page)).toEqual([]);
    await screenshot(lead.page, 'team-sync-conflict');
    // The versions side by side, one column each: keep the laptop's.
    const names = await conflict.getByRole('row').filter({ hasText: 'Signalen merken' }).locator('td').allTextContents();
    const column = names.findIndex((n) => n.includes('Signalen merken'));
    expect(column).toBeGreaterThanOrEqual(0);
    await conflict.getByRole('button', { name: 'Deze houden' }).nth(column).click();
    await expect.poll(() => lead.page.getByRole('treeitem', { name: /^Signalen merken/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => laptop.page.getByRole('treeitem', { name: /^Signalen merken/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => anna.page.getByRole('treeitem', { name: /^Signalen merken/ }).count(), { timeout: 20_000 }).toBe(1);
    await expect.poll(() => statusName(lead.page), { timeout: 20_000 }).toMatch(/Gesynchroniseerd/);

    // A reload keeps the connection and the project.
    await lead.page.reload();
    await new MarkeerPage(lead.page).openDocument(DOC);
    await expect.poll(() => segmentsShown(lead.page)).toBe(3);
    await expect.poll(() => statusName(lead.page), { timeout: 20_000 }).toMatch(/Gesynchroniseerd/);
    expectNoAppErrors({ lead, anna, bram, laptop });
  });
});

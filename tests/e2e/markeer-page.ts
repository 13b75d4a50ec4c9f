import type { Page } from 'playwright-core';

/**
 * A page object for Markeer: the actions a person takes, spelled as they would do them (mouse and
 * keyboard), and the reads a person makes (what the screen shows).
 */
export class MarkeerPage {
  constructor(readonly page: Page) {}

  /** Creates a project from the default codebook on the start screen, with the user as its coder. */
  async createProject(name: string, coder: string) {
    await this.page.getByLabel('Projectnaam').fill(name);
    await this.page.getByLabel('Je naam als codeur').fill(coder);
    await this.page.getByRole('button', { name: 'Project maken' }).click();
    await this.page.getByRole('tree').waitFor();
  }

  transcript() {
    return this.page.locator('.transcript');
  }

  /** Screen rectangle of the characters [start, end) of the document text, by offsets the page renders. */
  private async phraseBox(phrase: string, occurrence = 0) {
    return this.page.evaluate(
      ({ phrase, occurrence }) => {
        const spans = [...document.querySelectorAll<HTMLElement>('.transcript span[data-s]')];
        let full = '';
        const parts: { start: number; node: Text }[] = [];
        for (const s of spans) {
          const start = Number(s.dataset.s);
          while (full.length < start) full += '\n';
          parts.push({ start, node: s.firstChild as Text });
          full += s.textContent ?? '';
        }
        let at = -1;
        for (let i = 0; i <= occurrence; i++) at = full.indexOf(phrase, at + 1);
        if (at < 0) throw new Error(`phrase not on screen: ${phrase}`);
        const point = (offset: number) => {
          let p = parts[0];
          for (const x of parts) if (x.start <= offset) p = x;
          return { node: p!.node, offset: offset - p!.start };
        };
        const charRect = (offset: number) => {
          const a = point(offset);
          const r = document.createRange();
          r.setStart(a.node, a.offset);
          r.setEnd(a.node, a.offset + 1);
          return r.getBoundingClientRect();
        };
        const el = point(at).node.parentElement!;
        el.scrollIntoView({ block: 'center' });
        const first = charRect(at);
        const last = charRect(at + phrase.length - 1);
        return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
      },
      { phrase, occurrence },
    );
  }

  /**
   * Where the phrase is once the screen holds still, as a person looks before they drag: the box
   * again after two frames, until it stays put (a render after a coding may still move the text).
   */
  private async steadyPhraseBox(phrase: string) {
    let b = await this.phraseBox(phrase);
    for (let i = 0; i < 20; i++) {
      await this.page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      const again = await this.phraseBox(phrase);
      if (JSON.stringify(again) === JSON.stringify(b)) return b;
      b = again;
    }
    return b;
  }

  /** Clicks on the first character of a phrase of the transcript (opens the segments there). */
  async clickInPhrase(phrase: string) {
    const b = await this.steadyPhraseBox(phrase);
    await this.page.mouse.click(b.x1 + 1, b.y1);
  }

  /** Drags the mouse over a phrase of the transcript, as a person selects text. */
  async selectWithMouse(phrase: string) {
    const b = await this.steadyPhraseBox(phrase);
    await this.page.mouse.move(b.x1, b.y1);
    await this.page.mouse.down();
    await this.page.mouse.move((b.x1 + b.x2) / 2, (b.y1 + b.y2) / 2, { steps: 4 });
    await this.page.mouse.move(b.x2, b.y2, { steps: 4 });
    await this.page.mouse.up();
    const selected = await this.selectedText();
    if (selected !== phrase) throw new Error(`dragging over ${JSON.stringify(phrase)} selected ${JSON.stringify(selected)}`);
  }

  /** Clicks at the start of a phrase, then extends the selection with Shift+ArrowRight. */
  async selectWithKeyboard(phrase: string) {
    const b = await this.steadyPhraseBox(phrase);
    await this.page.mouse.click(b.x1 - 1, b.y1);
    for (let i = 0; i < phrase.length; i++) await this.page.keyboard.press('Shift+ArrowRight');
  }

  async selectedText(): Promise<string> {
    return this.page.evaluate(() => document.getSelection()?.toString() ?? '');
  }

  async openDocument(name: string) {
    await this.page.locator('.pane-documents').getByRole('link', { name: new RegExp(name) }).click();
    await this.page.locator('.document-title', { hasText: new RegExp(name) }).waitFor();
    await this.transcript().waitFor();
  }

  codeRow(name: string) {
    return this.page.getByRole('treeitem', { name: new RegExp(`^${name}\\b`) });
  }

  async segmentCount(): Promise<number> {
    const text = (await this.page.locator('.document-head .muted').textContent()) ?? '';
    return Number(/\d+/.exec(text)?.[0] ?? NaN);
  }

  /** How many codings the painted highlights hold, counted from CSS.highlights. */
  async paintedRanges(): Promise<number> {
    return this.page.evaluate(() => {
      let n = 0;
      CSS.highlights.forEach((h, name) => {
        if (name.startsWith('mk-code-')) n += h.size;
      });
      return n;
    });
  }
}

/** Chooses an item of the header's Project menu (Export…, Merge coders…, Agreement, …), by mouse. */
export async function projectAction(page: Page, item: string): Promise<void> {
  await page.locator('.project-header').getByRole('button', { name: 'Project', exact: true }).click();
  await page.getByRole('menuitem', { name: item, exact: true }).click();
}

import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { applyCode } from '../../../commands/coding';
import { setCodeShortcut } from '../../../commands/codes';
import { CODE_SIGNALEN_OPMERKEN, projectWithDocument, simulateFullDisk } from '../../../commands/test-builders';
import type { MarkeerDb } from '../../../storage/db';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import ProjectScreen from './ProjectScreen';

/** Selects text of the transcript as a person would, by document offsets (one run of text here). */
function select(start: number, end: number) {
  const transcript = screen.getByRole('textbox', { name: /Doc/ });
  const node = transcript.querySelector('span[data-s]')?.firstChild;
  if (!node) throw new Error('no text in the transcript');
  const range = document.createRange();
  range.setStart(node, start);
  range.setEnd(node, end);
  document.getSelection()?.removeAllRanges();
  document.getSelection()?.addRange(range);
  return transcript;
}

/** The segment counts shown: in the document list and above the open document. */
const shown = () => [...document.querySelectorAll('.document-head .muted, .doc-link-count')].map((e) => e.textContent);
/** The open document's segment count, above its text. */
const head = () => document.querySelector('.document-head .muted')?.textContent;

/** The project screen on the test project's document, as the app shows it. */
function renderProject(f: { db: MarkeerDb; projectGuid: string; documentGuid: string }) {
  return render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectScreen db={f.db} projectGuid={f.projectGuid} documentGuid={f.documentGuid} />
      </NotifyProvider>
    </I18nextProvider>,
  );
}

describe('applying a code by its key', () => {
  // The coding's highlight shows in the frame after the key, before the write ends: jsdom has no
  // highlights, so tests/e2e/write-failure.test.ts checks that in Chromium. Here: the counts
  // follow, a failed write is taken back with its reason, and nothing is stored.
  it('takes a coding back, with the reason, when the disk is full, and stores it once there is room', async () => {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    await setCodeShortcut(f.projectGuid, CODE_SIGNALEN_OPMERKEN, 1, f.db);
    renderProject(f);
    await waitFor(() => expect(shown()).toEqual(['0 segments', '0 segments']), { timeout: 10_000 });
    const transcript = select(f.range.start, f.range.end);
    const full = await simulateFullDisk(f.db, 'codings');
    full.on = true;
    act(() => {
      fireEvent.keyDown(transcript, { key: '1' });
    });
    // Taken back when the write fails, with the reason; nothing was stored.
    expect(await screen.findByRole('alert')).toHaveTextContent(/storage is full/);
    await waitFor(() => expect(shown()).toEqual(['0 segments', '0 segments']));
    full.on = false;
    expect(await f.db.segments.count()).toBe(0);

    // With room again, the same key stores the coding that shows.
    select(f.range.start, f.range.end);
    act(() => {
      fireEvent.keyDown(transcript, { key: '1' });
    });
    await waitFor(() => expect(head()).toBe('1 segment'));
    await waitFor(async () => expect(await f.db.codings.count()).toBe(1));
    await waitFor(() => expect(shown()).toEqual(['1 segment', '1 segment']));
    // The notice follows the frame that shows the coding (and the test ends after it, not before).
    expect(await screen.findByText(/Code “.+” (applied|toegepast)\./)).toBeInTheDocument();
  });
});

describe('the codebook’s counts', () => {
  /** A project whose codebook is larger than several chunks of counts, each code to be applied once to one passage. */
  async function everyCodeOnce() {
    const f = await projectWithDocument('Ik zag [dat hij niet online kwam] die week.');
    const codes = await f.db.codes.where('projectGuid').equals(f.projectGuid).toArray();
    const applyAll = async () => {
      for (const code of codes) {
        const applied = await applyCode({ projectGuid: f.projectGuid, documentGuid: f.documentGuid, coderGuid: f.coderGuid, codeGuid: code.guid, ...f.range }, f.db);
        expect(applied.ok).toBe(true);
      }
    };
    // a code's count rolled up: itself and every code under it
    const parentOf = new Map(codes.map((c) => [c.guid, c.parentGuid]));
    const expected = new Map<string, number>();
    for (const c of codes) for (let g: string | null | undefined = c.guid; g; g = parentOf.get(g)) expected.set(g, (expected.get(g) ?? 0) + 1);
    return { f, codes, applyAll, expected };
  }
  /** Each row of the codebook: its code's GUID and the count it shows. */
  const rows = () =>
    [...document.querySelectorAll('[role="treeitem"]')].map((row) => {
      const guid = row.querySelector('[id*="-name-"]')?.id.slice(-36) ?? '';
      return [guid, Number(row.querySelector('.cb-count')?.getAttribute('data-value'))] as const;
    });

  // Counted a few codes per read (storage/queries.ts countInChunks): every code is counted, the
  // last chunk's as well as the first's.
  it('shows every code’s codings, rolled up to its parents, for a codebook of many codes', async () => {
    const { f, codes, applyAll, expected } = await everyCodeOnce();
    expect(codes.length).toBeGreaterThan(12);
    await applyAll();
    renderProject(f);
    await waitFor(() => expect(rows().length).toBeGreaterThan(0), { timeout: 10_000 });
    await waitFor(() => expect(rows()).toEqual(rows().map(([guid]) => [guid, expected.get(guid)])), { timeout: 10_000 });
  });

  it('counts codings applied while the counts are being read, to codes already counted', async () => {
    const { f, codes, applyAll, expected } = await everyCodeOnce();
    // Every code applied once after the first chunk of codes was counted, before the next one is:
    // the first chunk's counts do not have them, the later ones' do.
    const transaction = f.db.transaction.bind(f.db) as (...args: unknown[]) => Promise<unknown>;
    let chunks = 0;
    vi.spyOn(f.db, 'transaction').mockImplementation(((...args: unknown[]) => {
      if (args[0] === 'r' && args[1] === f.db.codings && ++chunks === 2) return applyAll().then(() => transaction(...args));
      return transaction(...args);
    }) as never);
    renderProject(f);
    await waitFor(() => expect(chunks).toBeGreaterThan(2), { timeout: 10_000 });
    expect(await f.db.codings.count()).toBe(codes.length);
    await waitFor(() => expect(rows()).toEqual(rows().map(([guid]) => [guid, expected.get(guid)])), { timeout: 10_000 });
    expect(rows().length).toBeGreaterThan(0);
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDocuments } from '../../../commands/documents';
import { assert } from '../../../domain/assert';
import type { Segment } from '../../../domain/model';
import { recordTransaction } from '../../../storage/changes';
import { listDocuments, SEGMENT_COUNT_CHUNK } from '../../../storage/queries';
import type { ProjectContextValue } from '../../shell/project-context';
import { holdIdle } from '../../shell/after-paint';
import { DocumentList } from './DocumentList';
import { projectContext, renderInProject } from './test-helpers';

const transcript = 'Interviewer: Hoe ging het contact met school?\nOuder: Eerst moeizaam.\nInterviewer: En later?\nOuder: Beter.';

function textFile(name: string, text: string, type = 'text/plain') {
  return new File([text], name, { type });
}

describe('DocumentList', () => {
  let ctx: ProjectContextValue;
  beforeEach(async () => {
    ctx = await projectContext();
    window.location.hash = '';
  });
  afterEach(() => ctx.db.close());

  it('adds a document when a .txt file is imported through the file input, and opens it', async () => {
    const user = userEvent.setup();
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    await user.upload(screen.getByLabelText('Files to import'), textFile('school-noord-ouder.txt', transcript));

    const link = await screen.findByRole('link', { name: /school-noord-ouder/ });
    await waitFor(() => expect(link).toHaveTextContent('0 segments'));
    const docs = await listDocuments(ctx.db, ctx.project.guid);
    expect(docs.map((d) => [d.name, d.source])).toEqual([['school-noord-ouder', 'school-noord-ouder.txt']]);
    expect(await screen.findByText('1 document imported')).toBeInTheDocument();
    expect(window.location.hash).toBe(`#/p/${ctx.project.guid}/d/${docs[0]?.guid}`);
  });

  it('imports a UTF-8 file with one invalid byte as UTF-8 and keeps a warning that names the line and column', async () => {
    const user = userEvent.setup();
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    const bytes = new Uint8Array([...new TextEncoder().encode('I: Hoe gaat de coördinatie?\nZ: Goed, '), 0xe9, ...new TextEncoder().encode('én keer.')]);
    await user.upload(screen.getByLabelText('Files to import'), new File([bytes], 'gesprek.txt', { type: 'text/plain' }));

    expect(await screen.findByText('1 document imported')).toBeInTheDocument();
    expect(await screen.findByText(/^gesprek\.txt: At 1 place the bytes are not valid UTF-8.*\(line 2, column 10\)\.$/)).toBeInTheDocument();
    const docs = await listDocuments(ctx.db, ctx.project.guid);
    const stored = await ctx.db.documentTexts.get([ctx.project.guid, docs[0]!.guid]);
    expect(stored?.text).toBe('I: Hoe gaat de coördinatie?\nZ: Goed, \ufffdén keer.');
  });

  it('names the file of an unsupported type and adds nothing', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    await user.upload(screen.getByLabelText('Files to import'), textFile('verslag.pdf', '%PDF-1.7', 'application/pdf'));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('verslag.pdf');
    expect(alert).toHaveTextContent('.pdf');
    expect(await listDocuments(ctx.db, ctx.project.guid)).toEqual([]);
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('imports the good files of a mixed drop in one step and reports each bad one', async () => {
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    const zone = screen.getByRole('region', { name: 'Documents' });
    const files = [textFile('a.txt', transcript), textFile('b.md', 'Tekst'), textFile('leeg.txt', '  \n '), textFile('foto.jpg', 'x')];
    const dataTransfer = { types: ['Files'], files, dropEffect: 'none' };

    fireEvent.dragEnter(zone, { dataTransfer });
    expect(zone).toHaveClass('doc-list-dropping');
    expect(screen.getByText('Release to import')).toBeInTheDocument();
    fireEvent.drop(zone, { dataTransfer });
    expect(zone).not.toHaveClass('doc-list-dropping');

    expect(await screen.findByText('2 documents imported')).toBeInTheDocument();
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent);
    expect(alerts.some((a) => a?.includes('leeg.txt') && a.includes('no text'))).toBe(true);
    expect(alerts.some((a) => a?.includes('foto.jpg') && a.includes('.jpg'))).toBe(true);
    expect((await listDocuments(ctx.db, ctx.project.guid)).map((d) => d.name)).toEqual(['a', 'b']);
    // More than one file: the user stays where they were.
    expect(window.location.hash).toBe('');
  });

  it('tells what is wrong with a damaged Word file and a binary text file', async () => {
    const user = userEvent.setup();
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    const binary = new File([new Uint8Array([0x50, 0x4b, 0, 0, 0, 1, 2, 0, 0, 0])], 'opname.txt');
    await user.upload(screen.getByLabelText('Files to import'), [textFile('kapot.docx', 'geen zip'), binary]);

    await waitFor(() => expect(screen.getAllByRole('alert')).toHaveLength(2));
    const alerts = screen.getAllByRole('alert').map((a) => a.textContent ?? '');
    expect(alerts.some((a) => a.startsWith('kapot.docx: this Word file cannot be read'))).toBe(true);
    expect(alerts.some((a) => a.startsWith('opname.txt: this is not a text file'))).toBe(true);
    expect(await listDocuments(ctx.db, ctx.project.guid)).toEqual([]);
  });

  it('lists many failed files in one notice', async () => {
    const user = userEvent.setup({ applyAccept: false });
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    await user.upload(screen.getByLabelText('Files to import'), ['1.pdf', '2.pdf', '3.odt', '4.rtf', '5.png'].map((n) => textFile(n, 'x')));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(/^5 files were not imported\./);
    for (const n of ['1.pdf', '2.pdf', '3.odt', '4.rtf', '5.png']) expect(alert).toHaveTextContent(n);
  });

  it('marks the open document and shows segment counts', async () => {
    const added = await addDocuments(ctx.project.guid, [{ name: 'Eén', text: 'a' }, { name: 'Twee', text: 'b' }], { db: ctx.db, firstOrder: 0 });
    assert(added.ok, 'added');
    renderInProject(ctx, <DocumentList activeDocumentGuid={added.value[1] ?? null} />);
    const list = await screen.findByRole('list');
    await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(2));
    expect(within(list).getByRole('link', { name: /Twee/ })).toHaveAttribute('aria-current', 'page');
    expect(within(list).getByRole('link', { name: /Eén/ })).not.toHaveAttribute('aria-current');
    expect(within(list).getByRole('link', { name: /Eén/ })).toHaveAttribute('href', `#/p/${ctx.project.guid}/d/${added.value[0]}`);
    await waitFor(() => expect(within(list).getAllByRole('link').map((l) => l.textContent)).toEqual(['Eén0 segments', 'Twee0 segments']));
  });

  it('lists the documents while a document is still opening, and adds their counts once it is painted', async () => {
    const added = await addDocuments(ctx.project.guid, [{ name: 'Eén', text: 'a b' }, { name: 'Twee', text: 'b' }], { db: ctx.db, firstOrder: 0 });
    assert(added.ok, 'added');
    const first = added.value[0] as string;
    const segment: Segment = { guid: '0b6f1f0e-7c2e-4c59-9a53-6c1f7a1b2c3d', projectGuid: ctx.project.guid, documentGuid: first, coderGuid: ctx.coder.guid, start: 0, end: 1, text: 'a', comment: '', createdAt: '2026-12-06T00:00:00.000Z' };
    await ctx.db.segments.put(segment);
    // A document being opened holds the counts back (they read every document's segments).
    const release = holdIdle();
    try {
      renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
      const list = await screen.findByRole('list');
      await waitFor(() => expect(within(list).getAllByRole('link')).toHaveLength(2));
      expect(within(list).getAllByRole('link').map((l) => l.textContent?.trim())).toEqual(['Eén', 'Twee']);
    } finally {
      release();
    }
    await waitFor(() => expect(screen.getAllByRole('link').map((l) => l.textContent)).toEqual(['Eén1 segment', 'Twee0 segments']));
  });

  it('counts a segment coded while the counts are being read, in a document already counted', async () => {
    // More documents than one chunk of counts (storage/queries.ts countInChunks).
    const names = Array.from({ length: SEGMENT_COUNT_CHUNK + 5 }, (_, i) => `Doc ${String(i + 1).padStart(2, '0')}`);
    const added = await addDocuments(ctx.project.guid, names.map((name) => ({ name, text: 'a b' })), { db: ctx.db, firstOrder: 0 });
    assert(added.ok, 'added');
    const first = added.value[0] as string;
    const segment: Segment = { guid: '0b6f1f0e-7c2e-4c59-9a53-6c1f7a1b2c3d', projectGuid: ctx.project.guid, documentGuid: first, coderGuid: ctx.coder.guid, start: 0, end: 1, text: 'a', comment: '', createdAt: '2026-12-07T00:00:00.000Z' };
    // The coder codes the first document after its chunk was counted, before the next chunk is.
    const transaction = ctx.db.transaction.bind(ctx.db) as (...args: unknown[]) => Promise<unknown>;
    let chunks = 0;
    vi.spyOn(ctx.db, 'transaction').mockImplementation(((...args: unknown[]) => {
      if (args[0] === 'r' && args[1] === ctx.db.segments && ++chunks === 2) {
        return recordTransaction(ctx.db, (rec) => rec.put('segments', segment)).then(() => transaction(...args));
      }
      return transaction(...args);
    }) as never);
    renderInProject(ctx, <DocumentList activeDocumentGuid={null} />);
    const link = await screen.findByRole('link', { name: /Doc 01/ });
    await waitFor(() => expect(screen.getByRole('link', { name: new RegExp(names.at(-1) ?? '') })).toHaveTextContent('0 segments'));
    expect(chunks).toBe(2);
    expect(link).toHaveTextContent('1 segment');
    expect(await ctx.db.segments.count()).toBe(1);
  });
});

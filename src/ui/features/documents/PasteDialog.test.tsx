import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDocuments } from '../../../commands/documents';
import { assert } from '../../../domain/assert';
import { createSegment } from '../../../domain/factories';
import { getDocumentText, listDocuments } from '../../../storage/queries';
import type { ProjectContextValue } from '../../shell/project-context';
import { PasteDialog } from './PasteDialog';
import { projectContext, renderInProject } from './test-helpers';

/** jsdom has no ClipboardEvent; Lexical recognises one by its constructor's name. */
class ClipboardEvent extends Event {
  readonly clipboardData: { getData(type: string): string; types: string[] };
  constructor(type: string, data: Record<string, string>) {
    super(type, { bubbles: true, cancelable: true });
    this.clipboardData = { getData: (t) => data[t] ?? '', types: Object.keys(data) };
  }
}

/** Pastes into the Lexical editor the way a browser does: focus, caret, then a paste event. */
async function pasteInto(box: HTMLElement, data: Record<string, string>) {
  await act(async () => {
    box.focus();
    const range = document.createRange();
    range.selectNodeContents(box);
    range.collapse(false);
    document.getSelection()?.removeAllRanges();
    document.getSelection()?.addRange(range);
    document.dispatchEvent(new Event('selectionchange'));
  });
  await act(async () => {
    box.dispatchEvent(new ClipboardEvent('paste', data));
  });
}

describe('PasteDialog', () => {
  let ctx: ProjectContextValue;
  const user = userEvent.setup();
  beforeAll(() => {
    vi.stubGlobal('ClipboardEvent', ClipboardEvent);
    // jsdom does no layout; Lexical measures the caret to scroll it into view.
    Range.prototype.getBoundingClientRect ??= () => new DOMRect();
    Range.prototype.getClientRects ??= () => ({ length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] }) as unknown as DOMRectList;
  });
  afterAll(() => vi.unstubAllGlobals());
  beforeEach(async () => {
    ctx = await projectContext();
    window.location.hash = '';
  });
  afterEach(() => ctx.db.close());

  it('creates a document from pasted rich text as plain lines, then opens it', async () => {
    const onClose = vi.fn();
    renderInProject(ctx, <PasteDialog mode="create" isOpen onClose={onClose} />);
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Gesprek Zuid');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Text' })).toHaveAttribute('contenteditable', 'true'));
    await pasteInto(screen.getByRole('textbox', { name: 'Text' }), {
      'text/html': '<p><b>Interviewer:</b> Hoe gaat het?</p><p>Leerling: Goed.</p>',
      'text/plain': 'Interviewer: Hoe gaat het?\r\nLeerling: Goed.',
    });
    await user.click(screen.getByRole('button', { name: 'Create' }));

    await waitFor(() => expect(onClose).toHaveBeenCalled());
    const [doc] = await listDocuments(ctx.db, ctx.project.guid);
    assert(doc, 'document created');
    expect(doc.name).toBe('Gesprek Zuid');
    expect((await getDocumentText(ctx.db, ctx.project.guid, doc.guid))?.text).toBe('Interviewer: Hoe gaat het?\nLeerling: Goed.');
    expect(window.location.hash).toBe(`#/p/${ctx.project.guid}/d/${doc.guid}`);
  });

  it('asks for a name and a text before creating anything', async () => {
    renderInProject(ctx, <PasteDialog mode="create" isOpen onClose={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Give the document a name.');
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveAttribute('aria-invalid', 'true');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Leeg');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Paste or type the text first.');
    expect(await listDocuments(ctx.db, ctx.project.guid)).toEqual([]);
  });

  it('edits the text of a document without segments, and says why when it has gained one', async () => {
    const added = await addDocuments(ctx.project.guid, [{ name: 'Notitie', text: 'Eerste versie' }], { db: ctx.db, firstOrder: 0 });
    assert(added.ok && added.value[0], 'document added');
    const documentGuid = added.value[0];
    const onClose = vi.fn();
    renderInProject(ctx, <PasteDialog mode="edit" isOpen onClose={onClose} documentGuid={documentGuid} documentName="Notitie" />);
    expect(screen.getByRole('heading', { name: 'Edit the text of “Notitie”' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Text' })).toHaveAttribute('contenteditable', 'true'));
    expect(screen.getByRole('textbox', { name: 'Text' })).toHaveTextContent('Eerste versie');

    await pasteInto(screen.getByRole('textbox', { name: 'Text' }), { 'text/plain': '\nTweede regel' });
    // A coder codes the document in another tab before this one saves.
    await ctx.db.segments.put(createSegment({ projectGuid: ctx.project.guid, documentGuid, coderGuid: ctx.coder.guid, text: 'Eerste versie', start: 0, end: 6 }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The text of this document is frozen because it already has coded segments.');
    expect(onClose).not.toHaveBeenCalled();
    expect((await getDocumentText(ctx.db, ctx.project.guid, documentGuid))?.text).toBe('Eerste versie');

    await ctx.db.segments.clear();
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect((await getDocumentText(ctx.db, ctx.project.guid, documentGuid))?.text).toBe('Eerste versie\nTweede regel');
  });
});

import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyCode, removeCoding } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { addDocuments } from '../../../commands/documents';
import { createMemo } from '../../../commands/memos';
import { assert } from '../../../domain/assert';
import type { ProjectContextValue } from '../../shell/project-context';
import { DocumentDetails } from '../documents/DocumentDetails';
import { projectContext, renderInProject } from '../documents/test-helpers';
import { MemosDeletedNote } from './MemosDeletedNote';
import { TargetMemos } from './TargetMemos';

const TEXT = 'Interviewer: Hoe gaat het?\nOuder: We bellen elke week met de mentor.';

describe('TargetMemos', () => {
  let ctx: ProjectContextValue;
  let documentGuid: string;
  const user = userEvent.setup();
  const memosOf = async (targetGuid: string) => (await ctx.db.memos.where('[projectGuid+targetGuid]').equals([ctx.project.guid, targetGuid]).toArray()).map((m) => m.title);

  beforeEach(async () => {
    ctx = await projectContext();
    const docs = await addDocuments(ctx.project.guid, [{ name: 'Ouder school 2', text: TEXT }], { db: ctx.db, firstOrder: 0 });
    assert(docs.ok && docs.value[0], 'document added');
    documentGuid = docs.value[0];
    window.location.hash = '';
  });
  afterEach(() => ctx.db.close());

  it('shows a document’s memos in its side panel and writes a new one, saved on closing with Escape', async () => {
    await createMemo(ctx.project.guid, { target: { kind: 'document', guid: documentGuid }, authorGuid: ctx.coder.guid, title: 'Sfeer', text: 'Open gesprek.', rich: null }, ctx.db);
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    const section = await screen.findByRole('region', { name: 'Memos (1)' }, { timeout: 5000 });
    expect(within(section).getByRole('button', { name: 'Sfeer' })).toBeInTheDocument();
    expect(section).toHaveTextContent('Anna');

    await user.click(within(section).getByRole('button', { name: 'Memo about this document' }));
    const dialog = await screen.findByRole('dialog', { name: 'New memo about document Ouder school 2' }, { timeout: 5000 });
    await user.type(within(dialog).getByRole('textbox', { name: 'Title' }), 'Mentor');
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await waitFor(async () => expect((await memosOf(documentGuid)).sort()).toEqual(['Mentor', 'Sfeer']));
    expect(await screen.findByRole('region', { name: 'Memos (2)' })).toBeInTheDocument();
  });

  it('opens a memo to read it and saves an edit with Ctrl+Enter', async () => {
    await createMemo(ctx.project.guid, { target: { kind: 'document', guid: documentGuid }, authorGuid: ctx.coder.guid, title: 'Sfeer', text: 'Open gesprek.', rich: null }, ctx.db);
    renderInProject(ctx, <TargetMemos target={{ kind: 'document', guid: documentGuid }} name="Ouder school 2" />);
    await user.click(await screen.findByRole('button', { name: 'Sfeer' }));
    const dialog = await screen.findByRole('dialog', { name: 'Memo about document Ouder school 2' }, { timeout: 5000 });
    await waitFor(() => expect(within(dialog).getByRole('textbox', { name: 'Memo text' })).toHaveTextContent('Open gesprek.'), { timeout: 5000 });
    const title = within(dialog).getByRole('textbox', { name: 'Title' });
    await user.type(title, ' en toon{Control>}{Enter}{/Control}');
    await waitFor(async () => expect(await memosOf(documentGuid)).toEqual(['Sfeer en toon']));
    expect(within(dialog).getByText('Saved.')).toBeInTheDocument();
  });

  it('says in the question before deleting a document that its memos go too', async () => {
    await createMemo(ctx.project.guid, { target: { kind: 'document', guid: documentGuid }, authorGuid: ctx.coder.guid, title: 'Sfeer', text: '', rich: null }, ctx.db);
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await user.click(await screen.findByRole('button', { name: 'Delete document' }, { timeout: 5000 }));
    const question = await screen.findByRole('alertdialog');
    expect(await within(question).findByText('The memo about this document or its segments is deleted too.')).toBeInTheDocument();
  });

  it('counts, before a code is deleted, its memos and those on segments it would leave without a code', async () => {
    const code = await addCode(ctx.project.guid, { name: 'Contact', parentGuid: null }, ctx.db);
    assert(code.ok, 'code added');
    const coded = await applyCode({ projectGuid: ctx.project.guid, documentGuid, coderGuid: ctx.coder.guid, codeGuid: code.value, start: 27, end: TEXT.length }, ctx.db);
    assert(coded.ok, 'coded');
    await createMemo(ctx.project.guid, { target: { kind: 'code', guid: code.value }, authorGuid: ctx.coder.guid, title: 'Definitie', text: '', rich: null }, ctx.db);
    await createMemo(ctx.project.guid, { target: { kind: 'segment', guid: coded.value }, authorGuid: ctx.coder.guid, title: 'Mentor', text: '', rich: null }, ctx.db);
    renderInProject(
      ctx,
      <>
        <section aria-label="Codings removed">
          <MemosDeletedNote kind="code" guid={code.value} removingCodings />
        </section>
        <section aria-label="Codings moved">
          <MemosDeletedNote kind="code" guid={code.value} removingCodings={false} />
        </section>
      </>,
    );
    const removed = screen.getByRole('region', { name: 'Codings removed' });
    expect(await within(removed).findByText('The 2 memos about this code and about segments left without a code are deleted too.')).toBeInTheDocument();
    const moved = screen.getByRole('region', { name: 'Codings moved' });
    expect(await within(moved).findByText('The memo about this code (or about a segment left without a code) is deleted too.')).toBeInTheDocument();
  });

  it('tells that a segment’s memos went with it when its last code was removed', async () => {
    const code = await addCode(ctx.project.guid, { name: 'Contact', parentGuid: null }, ctx.db);
    assert(code.ok, 'code added');
    const coded = await applyCode({ projectGuid: ctx.project.guid, documentGuid, coderGuid: ctx.coder.guid, codeGuid: code.value, start: 27, end: TEXT.length }, ctx.db);
    assert(coded.ok, 'coded');
    await createMemo(ctx.project.guid, { target: { kind: 'segment', guid: coded.value }, authorGuid: ctx.coder.guid, title: 'Mentor', text: '', rich: null }, ctx.db);
    renderInProject(ctx, <TargetMemos target={{ kind: 'segment', guid: coded.value }} name="We bellen elke week met de mentor." />);
    expect(await screen.findByRole('region', { name: 'Memos (1)' })).toBeInTheDocument();
    await act(() => removeCoding(ctx.project.guid, coded.value, code.value, ctx.db));
    expect(await screen.findByText(/The segment is gone, and with it its memo/)).toBeInTheDocument();
  });
});

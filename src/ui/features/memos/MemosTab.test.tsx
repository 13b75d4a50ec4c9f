import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { applyCode } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { addDocuments } from '../../../commands/documents';
import { history } from '../../../commands/history';
import { createMemo, type MemoTarget } from '../../../commands/memos';
import { assert } from '../../../domain/assert';
import type { Memo } from '../../../domain/model';
import type { ProjectContextValue } from '../../shell/project-context';
import type { JumpTarget } from '../analysis/types';
import { useProjectData } from '../analysis/useProjectData';
import { projectContext, renderInProject } from '../documents/test-helpers';
import MemosTab from './MemosTab';

const TEXT = 'Interviewer: Hoe gaat het contact?\nOuder: We kregen een laptop van school.';

function Host({ onJump }: { onJump(target: JumpTarget): void }) {
  const data = useProjectData();
  return data ? <MemosTab data={data} onJump={onJump} /> : null;
}

describe('MemosTab', () => {
  let ctx: ProjectContextValue;
  let documentGuid: string;
  let segment: { guid: string; start: number; end: number };
  const user = userEvent.setup();
  const onJump = vi.fn<(target: JumpTarget) => void>();

  const write = async (target: MemoTarget, title: string, text: string) => {
    // Memos written in one millisecond would have no order by date.
    await new Promise((r) => setTimeout(r, 3));
    const r = await createMemo(ctx.project.guid, { target, authorGuid: ctx.coder.guid, title, text, rich: null }, ctx.db);
    assert(r.ok, 'memo written');
    return r.value;
  };
  const stored = async (): Promise<Memo[]> => ctx.db.memos.where('projectGuid').equals(ctx.project.guid).toArray();
  const items = () => within(screen.getByRole('list', { name: 'Memos' })).queryAllByRole('listitem');
  const titles = () => items().map((li) => li.querySelector('.memo-item-open-button')?.textContent);

  beforeEach(async () => {
    history.clear();
    onJump.mockReset();
    ctx = await projectContext();
    const docs = await addDocuments(ctx.project.guid, [{ name: 'Ouder school 1', text: TEXT }], { db: ctx.db, firstOrder: 0 });
    assert(docs.ok && docs.value[0], 'document added');
    documentGuid = docs.value[0];
    const code = await addCode(ctx.project.guid, { name: 'Communicatie', parentGuid: null }, ctx.db);
    assert(code.ok, 'code added');
    const start = TEXT.indexOf('We kregen');
    const coded = await applyCode({ projectGuid: ctx.project.guid, documentGuid, coderGuid: ctx.coder.guid, codeGuid: code.value, start, end: TEXT.length }, ctx.db);
    assert(coded.ok, 'coded');
    segment = { guid: coded.value, start, end: TEXT.length };
    await write({ kind: 'project', guid: null }, 'Eerste indruk', 'Scholen verschillen sterk.');
    await write({ kind: 'document', guid: documentGuid }, '', 'Dit gesprek ging over Éénrichtingsverkeer.\nTweede regel.');
    await write({ kind: 'segment', guid: segment.guid }, 'Laptop', 'Een LAPTOP als teken van betrokkenheid.');
    await write({ kind: 'code', guid: code.value }, 'Definitie', 'Alles over contact.');
  });
  afterEach(() => ctx.db.close());

  it('lists every memo with what it is about, its author and dates, newest change first', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(titles()).toEqual(['Definitie', 'Laptop', 'Dit gesprek ging over Éénrichtingsverkeer.', 'Eerste indruk']), { timeout: 5000 });
    expect(screen.getByText('4 of 4 memos')).toBeInTheDocument();
    const laptop = items()[1];
    assert(laptop, 'segment memo listed');
    expect(laptop).toHaveTextContent('Segment “We kregen een laptop van school.” in Ouder school 1');
    expect(laptop).toHaveTextContent('Anna');
    expect(laptop).toHaveTextContent(/written .*2\d{3}/);
    expect(items()[0]).toHaveTextContent('Code: Communicatie');
    expect(items()[3]).toHaveTextContent('Project');
  });

  it('searches titles and texts ignoring case and diacritics, and filters by kind and author', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'laptop');
    expect(titles()).toEqual(['Laptop']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.type(screen.getByRole('searchbox', { name: 'Search' }), 'eenrichtingsverkeer');
    expect(titles()).toEqual(['Dit gesprek ging over Éénrichtingsverkeer.']);
    await user.clear(screen.getByRole('searchbox', { name: 'Search' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'About' }), 'Codes');
    expect(titles()).toEqual(['Definitie']);
    await user.selectOptions(screen.getByRole('combobox', { name: 'About' }), 'Everything');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Order' }), 'First changed first');
    expect(titles()[0]).toBe('Eerste indruk');
    expect(screen.getByRole('combobox', { name: 'Author' })).toHaveTextContent('Anna');
  });

  it('opens a memo beside the list and leads from a segment memo to its passage', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Laptop' }));
    expect(await screen.findByRole('textbox', { name: 'Title' })).toHaveValue('Laptop');
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Memo text' })).toHaveTextContent('Een LAPTOP als teken van betrokkenheid.'), { timeout: 5000 });
    const open = screen.getByRole('region', { name: /Memo about: Segment/ });
    await user.click(within(open).getByRole('button', { name: 'Show in document' }));
    expect(onJump).toHaveBeenCalledWith({ documentGuid, start: segment.start, end: segment.end });
    expect(within(items()[3] as HTMLElement).queryByRole('button', { name: /Show in document/ })).toBeNull();
  });

  it('writes a new project memo by its author, saved with the Save button', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'New project memo' }));
    await user.type(screen.getByRole('textbox', { name: 'Title' }), 'Tweede indruk');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    await waitFor(async () => expect((await stored()).map((m) => m.title)).toContain('Tweede indruk'));
    const memo = (await stored()).find((m) => m.title === 'Tweede indruk');
    expect(memo).toMatchObject({ targetKind: 'project', targetGuid: null, authorGuid: ctx.coder.guid });
    await waitFor(() => expect(titles()[0]).toBe('Tweede indruk'));
    expect(screen.getByText('Saved.')).toBeInTheDocument();
  });

  it('saves unsaved changes when another memo is opened instead', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Eerste indruk' }));
    const title = await screen.findByRole('textbox', { name: 'Title' });
    await user.clear(title);
    await user.type(title, 'Eerste indruk, herzien');
    expect(screen.getByText(/Unsaved changes/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Laptop' }));
    await waitFor(async () => expect((await stored()).map((m) => m.title)).toContain('Eerste indruk, herzien'));
    expect(await screen.findByText('Memo saved on closing.')).toBeInTheDocument();
  });

  it('does not write an empty new memo, and says why when asked to save it', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'New project memo' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/The memo is still empty/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('textbox', { name: 'Title' })).toBeNull();
    expect(await stored()).toHaveLength(4);
  });

  it('deletes a memo after asking, and undo brings it back into the list', async () => {
    renderInProject(ctx, <Host onJump={onJump} />);
    await waitFor(() => expect(items()).toHaveLength(4), { timeout: 5000 });
    await user.click(screen.getByRole('button', { name: 'Definitie' }));
    await user.click(await screen.findByRole('button', { name: 'Delete memo' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete memo “Definitie”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(titles()).not.toContain('Definitie'));
    await act(async () => {
      await history.undo();
    });
    await waitFor(() => expect(titles()).toContain('Definitie'));
  });
});

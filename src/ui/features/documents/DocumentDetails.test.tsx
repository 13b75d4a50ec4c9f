import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDocuments } from '../../../commands/documents';
import { assert } from '../../../domain/assert';
import { createSegment } from '../../../domain/factories';
import type { DocumentRecord } from '../../../domain/model';
import type { ProjectContextValue } from '../../shell/project-context';
import { DocumentDetails } from './DocumentDetails';
import { projectContext, renderInProject } from './test-helpers';

const transcript = [
  'Interviewer: Hoe ging het contact met school?',
  'Ouder: Eerst moeizaam.',
  'Interviewer: En later?',
  'Ouder: Beter, we belden elke week.',
  'Leerkracht: Dat klopt.',
  'Leerkracht: Ook met de mentor.',
  'Interviewer: Dank jullie wel.',
].join('\n');

describe('DocumentDetails', () => {
  let ctx: ProjectContextValue;
  let documentGuid: string;
  const user = userEvent.setup();

  beforeEach(async () => {
    ctx = await projectContext();
    const added = await addDocuments(ctx.project.guid, [{ name: 'Gesprek Noord', text: transcript, source: 'gesprek-noord.txt' }], { db: ctx.db, firstOrder: 0 });
    assert(added.ok && added.value[0], 'document added');
    documentGuid = added.value[0];
    window.location.hash = '';
  });
  afterEach(() => ctx.db.close());

  const stored = async (): Promise<DocumentRecord> => {
    const doc = await ctx.db.documents.get([ctx.project.guid, documentGuid]);
    assert(doc, 'document stored');
    return doc;
  };
  const speakers = () =>
    within(screen.getByRole('region', { name: 'Speakers' }))
      .queryAllByRole('listitem')
      .filter((li) => li.classList.contains('doc-speaker'))
      .map((li) => `${li.querySelector('.doc-speaker-name')?.textContent} ${li.querySelector('.doc-speaker-count')?.textContent}`);
  const dropped = () =>
    within(screen.getByRole('region', { name: 'Speakers' }))
      .queryAllByRole('listitem')
      .filter((li) => !li.classList.contains('doc-speaker'))
      .map((li) => li.querySelector('.doc-dropped-label')?.textContent);

  async function renameSpeaker(from: string, to: string) {
    await user.click(screen.getByRole('button', { name: `Rename speaker ${from}` }));
    const field = screen.getByRole('textbox', { name: `New name for ${from}` });
    await user.clear(field);
    await user.type(field, `${to}{Enter}`);
    await screen.findByRole('button', { name: `Rename speaker ${to}` });
  }

  it('shows the detected speakers with their turn counts and renames one', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await screen.findByRole('heading', { name: 'Gesprek Noord' });
    expect(speakers()).toEqual(['Interviewer 3 turns', 'Ouder 2 turns', 'Leerkracht 2 turns']);

    await renameSpeaker('Ouder', 'Moeder');
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns', 'Moeder 2 turns', 'Leerkracht 2 turns']));
    expect((await stored()).speakerMap).toEqual({ Ouder: 'Moeder' });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Rename speaker Moeder' })).toHaveFocus());
  });

  it('renames, renames again, merges, drops and restores a speaker as the user sees them', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await screen.findByRole('heading', { name: 'Gesprek Noord' });

    await renameSpeaker('Ouder', 'Moeder');
    await renameSpeaker('Moeder', 'Vader');
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns', 'Vader 2 turns', 'Leerkracht 2 turns']));

    await user.selectOptions(screen.getByRole('combobox', { name: 'Merge speaker Leerkracht into' }), 'Vader');
    await user.click(screen.getByRole('button', { name: 'Merge speaker Leerkracht' }));
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns', 'Vader 4 turns']));

    await user.click(screen.getByRole('button', { name: 'Not a speaker: Vader' }));
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns']));
    // Both labels written in the text that made up "Vader" are now ignored.
    expect(dropped()).toEqual(['Ouder', 'Leerkracht']);

    await user.click(screen.getByRole('button', { name: 'Restore label Ouder' }));
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns', 'Ouder 2 turns']));
    expect(dropped()).toEqual(['Leerkracht']);
  });

  it('renames only the speaker shown under a reused name', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await screen.findByRole('heading', { name: 'Gesprek Noord' });
    await renameSpeaker('Ouder', 'Moeder');
    await renameSpeaker('Leerkracht', 'Ouder');
    await renameSpeaker('Ouder', 'Docent');
    await waitFor(() => expect(speakers()).toEqual(['Interviewer 3 turns', 'Moeder 2 turns', 'Docent 2 turns']), { timeout: 1000 });
  });

  it('adds a variable, edits its value in place and clears it', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await screen.findByRole('heading', { name: 'Gesprek Noord' });

    await user.type(screen.getByRole('textbox', { name: 'Name of the new variable' }), 'school');
    await user.type(screen.getByRole('textbox', { name: 'Value of the new variable' }), 'Noord{Enter}');
    await waitFor(async () => expect((await stored()).variables).toEqual({ school: 'Noord' }));
    const value = await screen.findByRole('combobox', { name: 'Value of school' });
    expect(value).toHaveValue('Noord');
    expect(screen.getByRole('textbox', { name: 'Name of the new variable' })).toHaveValue('');

    await user.clear(value);
    await user.type(value, 'Zuid{Enter}');
    await user.tab();
    await waitFor(async () => expect((await stored()).variables).toEqual({ school: 'Zuid' }));

    await user.click(screen.getByRole('button', { name: 'Clear the value of school' }));
    await waitFor(async () => expect((await stored()).variables).toEqual({}));
    // The variable stays in the project, without a value for this document.
    await waitFor(() => expect(screen.getByRole('textbox', { name: 'Value of school' })).toHaveValue(''));
  });

  it('adds a typed variable and refuses a value that does not fit its type', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await screen.findByRole('heading', { name: 'Gesprek Noord' });

    await user.type(screen.getByRole('textbox', { name: 'Name of the new variable' }), 'uren');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of the new variable' }), 'number');
    await user.type(screen.getByRole('textbox', { name: 'Value of the new variable' }), '3,5{Enter}');
    await waitFor(async () => expect((await stored()).variables).toEqual({ uren: '3.5' }));
    expect((await ctx.db.variables.toArray()).map((v) => `${v.name}:${v.type}`)).toEqual(['uren:number']);

    const value = await screen.findByRole('textbox', { name: 'Value of uren' });
    await user.clear(value);
    await user.type(value, 'veel{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('“veel” does not fit uren (number).');
    expect((await stored()).variables).toEqual({ uren: '3.5' });
  });

  it('renames the document', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await user.click(await screen.findByRole('button', { name: 'Rename' }));
    const field = screen.getByRole('textbox', { name: 'Document name' });
    await user.clear(field);
    await user.type(field, 'Gesprek Noord (ouder){Enter}');
    expect(await screen.findByRole('heading', { name: 'Gesprek Noord (ouder)' })).toBeInTheDocument();
    expect((await stored()).name).toBe('Gesprek Noord (ouder)');
  });

  it('offers to edit the text only while the document has no segments', async () => {
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    expect(await screen.findByRole('button', { name: 'Edit text' })).toBeInTheDocument();

    await ctx.db.segments.put(createSegment({ projectGuid: ctx.project.guid, documentGuid, coderGuid: ctx.coder.guid, text: transcript, start: 0, end: 11 }));
    expect(await screen.findByText(/The text is fixed because the document has 1 coded segment/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Edit text' })).not.toBeInTheDocument();
  });

  it('deletes the document after confirmation and returns to the project', async () => {
    window.location.hash = `#/p/${ctx.project.guid}/d/${documentGuid}`;
    renderInProject(ctx, <DocumentDetails documentGuid={documentGuid} />);
    await user.click(await screen.findByRole('button', { name: 'Delete document' }));
    const dialog = await screen.findByRole('alertdialog');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/p/${ctx.project.guid}`));
    expect(await ctx.db.documents.get([ctx.project.guid, documentGuid])).toBeUndefined();
    expect(await ctx.db.documentTexts.get([ctx.project.guid, documentGuid])).toBeUndefined();
  });
});

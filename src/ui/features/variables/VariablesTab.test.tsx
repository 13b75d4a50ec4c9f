import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDocuments } from '../../../commands/documents';
import { addGroup } from '../../../commands/groups';
import { addVariable, setVariableValue } from '../../../commands/variables';
import { assert } from '../../../domain/assert';
import type { ProjectContextValue } from '../../shell/project-context';
import { projectContext, renderInProject } from '../documents/test-helpers';
import { useProjectData } from '../analysis/useProjectData';
import { variablesStrings } from './strings';
import VariablesTab from './VariablesTab';

function Tab() {
  const data = useProjectData();
  return data ? <VariablesTab data={data} onJump={() => undefined} /> : null;
}

describe('the documents-and-variables tab', () => {
  let ctx: ProjectContextValue;
  let guids: string[];
  const user = userEvent.setup();

  beforeEach(async () => {
    ctx = await projectContext();
    const added = await addDocuments(
      ctx.project.guid,
      [
        { name: 'Ouder Noord', text: 'Ouder: tekst.' },
        { name: 'Leraar Zuid', text: 'Leraar: tekst.' },
        { name: 'Leerling Noord', text: 'Leerling: tekst.' },
      ],
      { db: ctx.db, firstOrder: 0 },
    );
    assert(added.ok, 'documents added');
    guids = added.value;
    await addVariable(ctx.project.guid, { name: 'school', type: 'text' }, ctx.db);
    await addVariable(ctx.project.guid, { name: 'leeftijd', type: 'number' }, ctx.db);
  });
  afterEach(() => ctx.db.close());

  const variablesOf = async (i: number) => (await ctx.db.documents.get([ctx.project.guid, guids[i] as string]))?.variables;
  const grid = () => screen.getByRole('grid');
  const rowNames = () => within(grid()).getAllByRole('rowheader').map((c) => c.textContent);
  const cell = (label: string) => within(grid()).getByRole('gridcell', { name: label });

  it('shows one row per document and one column per variable and group', async () => {
    await addGroup(ctx.project.guid, { name: 'Ouders', documentGuids: [guids[0] as string] }, ctx.db);
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    expect(rowNames()).toEqual(['Ouder Noord', 'Leraar Zuid', 'Leerling Noord']);
    const headers = within(grid()).getAllByRole('columnheader').map((h) => h.textContent?.replace('⋯', '').replace(/\s+/g, ' ').trim());
    expect(headers).toEqual(['Document', 'Characters', 'Segments', 'school text', 'leeftijd number', 'Ouders']);
    expect(screen.getByRole('checkbox', { name: 'Ouder Noord in group Ouders' })).toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Leraar Zuid in group Ouders' })).not.toBeChecked();
  });

  it('edits a value from the keyboard: arrows to the cell, typing, Enter saves, Escape cancels', async () => {
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    const first = within(grid()).getByRole('rowheader', { name: 'Ouder Noord' });
    act(() => first.focus());
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(document.activeElement).toBe(cell('school of Ouder Noord'));
    await user.keyboard('{Enter}');
    await user.keyboard('Noord{Enter}');
    await waitFor(async () => expect(await variablesOf(0)).toEqual({ school: 'Noord' }));
    await waitFor(() => expect(within(grid()).getAllByRole('gridcell').some((c) => c.textContent === 'Noord')).toBe(true));

    // Typing on the next cell down starts editing; Escape leaves the value as it was.
    await user.keyboard('{ArrowDown}');
    await user.keyboard('Zuid{Escape}');
    expect(await variablesOf(1)).toEqual({});
    expect(document.activeElement).toBe(cell('school of Leraar Zuid'));
  });

  it('refuses a number that does not fit, saying why, and stores one with a decimal comma', async () => {
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.dblClick(cell('leeftijd of Leraar Zuid'));
    const field = screen.getByRole('textbox', { name: 'leeftijd of Leraar Zuid' });
    await user.type(field, 'veertig{Enter}');
    expect(await screen.findByRole('alert')).toHaveTextContent('“veertig” does not fit leeftijd (number).');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    await user.clear(field);
    await user.type(field, '41,5{Enter}');
    await waitFor(async () => expect(await variablesOf(1)).toEqual({ leeftijd: '41.5' }));
  });

  it('sorts a number column by value, not as text', async () => {
    await setVariableValue(ctx.project.guid, guids[0] as string, 'leeftijd', '9', ctx.db);
    await setVariableValue(ctx.project.guid, guids[1] as string, 'leeftijd', '41', ctx.db);
    await setVariableValue(ctx.project.guid, guids[2] as string, 'leeftijd', '100', ctx.db);
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: /^leeftijd/ }));
    expect(rowNames()).toEqual(['Ouder Noord', 'Leraar Zuid', 'Leerling Noord']);
    await user.click(screen.getByRole('button', { name: /^leeftijd/ }));
    expect(rowNames()).toEqual(['Leerling Noord', 'Leraar Zuid', 'Ouder Noord']);
  });

  it('adds a typed variable from its dialog', async () => {
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Add variable…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New variable' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'interviewdatum');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'date');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(within(grid()).getAllByRole('columnheader')[5]).toHaveTextContent('interviewdatum date'));
    expect((await ctx.db.variables.toArray()).find((v) => v.name === 'interviewdatum')?.type).toBe('date');
  });

  it('will not change a type while values do not fit, naming the documents', async () => {
    await setVariableValue(ctx.project.guid, guids[0] as string, 'school', '12', ctx.db);
    await setVariableValue(ctx.project.guid, guids[1] as string, 'school', 'Zuid', ctx.db);
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Actions for school' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Change type…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Change the type of “school”' });
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Type' }), 'number');
    expect(within(dialog).getByRole('status')).toHaveTextContent('1 value does not fit the type number. Change it first:Leraar Zuid: “Zuid”');
    expect(within(dialog).getByRole('button', { name: 'Change type' })).toBeDisabled();
  });

  it('deletes a variable with its values after confirmation', async () => {
    await setVariableValue(ctx.project.guid, guids[0] as string, 'school', 'Noord', ctx.db);
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Actions for school' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Delete…' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete variable “school”?' });
    expect(confirm).toHaveTextContent('with its value in 1 document');
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(async () => expect(await variablesOf(0)).toEqual({}));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Actions for school' })).not.toBeInTheDocument());
  });

  it('makes a group and ticks documents into it', async () => {
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    await user.click(screen.getByRole('button', { name: 'Create group…' }));
    const dialog = await screen.findByRole('dialog', { name: 'New group' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name' }), 'Noord{Enter}');
    const box = await screen.findByRole('checkbox', { name: 'Leerling Noord in group Noord' });
    await user.click(box);
    await waitFor(async () => expect((await ctx.db.groups.toArray())[0]?.documentGuids).toEqual([guids[2]]));
    await waitFor(() => expect(screen.getByRole('region', { name: 'Groups' })).toHaveTextContent('Noord (1 document)'));
  });

  it('imports variables from CSV after a report of what fits and what does not', async () => {
    renderInProject(ctx, <Tab />);
    await screen.findByRole('grid');
    const csv = 'document;leeftijd;regio\nOuder Noord;41;west\nOnbekend;3;oost\nLeraar Zuid;veel;zuid\n';
    await user.upload(screen.getByLabelText('CSV file with variables'), new File([csv], 'variabelen.csv', { type: 'text/csv' }));
    const dialog = await screen.findByRole('dialog', { name: 'Import variables from variabelen.csv' });
    expect(dialog).toHaveTextContent('2 rows belong to a document.');
    expect(dialog).toHaveTextContent('leeftijd: existing variable, type number');
    expect(dialog).toHaveTextContent('regio: new variable, type text');
    expect(dialog).toHaveTextContent('Row 3: no document “Onbekend”');
    const refused = within(dialog).getByRole('table', { name: 'Values that do not fit (not imported)' });
    expect(within(refused).getAllByRole('row')[1]).toHaveTextContent('4leeftijdveelnot a number');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByText('3 values updated in 2 documents.');
    expect(await variablesOf(0)).toEqual({ leeftijd: '41', regio: 'west' });
    expect(await variablesOf(1)).toEqual({ regio: 'zuid' });
  });
});

describe('variables strings', () => {
  const keys = (o: unknown, prefix = ''): string[] =>
    typeof o === 'object' && o !== null ? Object.entries(o).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k)) : [prefix];
  const get = (o: unknown, path: string) => path.split('.').reduce((x: unknown, k) => (x as Record<string, unknown>)[k], o) as string;
  const vars = (s: string) => [...s.matchAll(/\{\{(\w+)/g)].map((m) => m[1]).sort();

  it('has the same keys and variables in Dutch and English, none empty', () => {
    expect(keys(variablesStrings.nl).sort()).toEqual(keys(variablesStrings.en).sort());
    for (const key of keys(variablesStrings.nl)) {
      expect(get(variablesStrings.nl, key).trim(), key).not.toBe('');
      expect(vars(get(variablesStrings.en, key)), key).toEqual(vars(get(variablesStrings.nl, key)));
    }
  });
});

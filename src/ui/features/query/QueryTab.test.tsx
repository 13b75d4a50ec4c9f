import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import Papa from 'papaparse';
import { I18nextProvider } from 'react-i18next';
import { applyCode } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { addDocuments } from '../../../commands/documents';
import { history } from '../../../commands/history';
import { projectWithDocument } from '../../../commands/test-builders';
import type { Guid } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import QueryTab from './QueryTab';

const downloads = vi.hoisted(() => [] as { bytes: Uint8Array; name: string }[]);
vi.mock('../bundles/download', () => ({ downloadBytes: (bytes: Uint8Array, name: string) => downloads.push({ bytes, name }) }));

const OUDER = 'Wij kregen een laptop van school. De mentor belde elke week.';
const LERAAR = 'Ik belde alle ouders. Sommige ouders hadden geen laptop.';

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** Two interviews: "Laptop" and "Contact" (with the sub-code "Wekelijks") coded by Anna. */
async function setUp() {
  const f = await projectWithDocument(`[${OUDER}]`, null);
  const [leraar] = await must(addDocuments(f.projectGuid, [{ name: 'Leraar 1', text: LERAAR }], { db: f.db, firstOrder: 1 }));
  const laptop = await must(addCode(f.projectGuid, { name: 'Laptop', parentGuid: null }, f.db));
  const contact = await must(addCode(f.projectGuid, { name: 'Contact', parentGuid: null }, f.db));
  const wekelijks = await must(addCode(f.projectGuid, { name: 'Wekelijks', parentGuid: contact }, f.db));
  const code = (documentGuid: Guid, text: string, whole: string, codeGuid: Guid) =>
    must(applyCode({ projectGuid: f.projectGuid, coderGuid: f.coderGuid, documentGuid, codeGuid, start: whole.indexOf(text), end: whole.indexOf(text) + text.length }, f.db));
  await code(f.documentGuid, 'Wij kregen een laptop van school.', OUDER, laptop);
  await code(f.documentGuid, 'een laptop van school. De mentor belde elke week.', OUDER, wekelijks);
  await code(leraar as Guid, 'Ik belde alle ouders.', LERAAR, contact);
  await code(leraar as Guid, 'Sommige ouders hadden geen laptop.', LERAAR, laptop);
  history.clear();
  const stored = await readProjectData(f.db, f.projectGuid);
  if (!stored) throw new Error('no project');
  // Variables as the documents tab would set them.
  const data: ProjectData = {
    ...stored,
    documents: stored.documents.map((d) => ({ ...d, variables: d.guid === f.documentGuid ? { groep: 'Ouder', school: 'school 1' } : { groep: 'Leraar', school: 'school 2' } })),
  };
  const owner = data.coders[0]!;
  const onJump = vi.fn();
  const user = userEvent.setup();
  const ui = (d: ProjectData) => (
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={{ db: f.db, project: d.project, coder: owner, coders: d.coders, codes: d.codes }}>
          <QueryTab data={d} onJump={onJump} />
        </ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>
  );
  const view = render(ui(data));
  return { ...f, data, onJump, user, view, rerender: (d: ProjectData) => view.rerender(ui(d)) };
}

/** Chooses a code in a line's combo box by typing part of its name, as a keyboard user would. */
async function chooseCode(user: ReturnType<typeof userEvent.setup>, line: string, name: string) {
  const box = screen.getByRole('combobox', { name: `Code of line ${line}` });
  await user.click(box);
  await user.keyboard(name);
  await user.click(await screen.findByRole('option', { name }));
  await waitFor(() => expect(box).toHaveValue(name));
}

const resultTexts = () => within(screen.getByRole('table', { name: 'Query results' })).getAllByRole('row').slice(1).map((r) => r.querySelector('mark')?.textContent);

beforeAll(() => {
  // jsdom lays nothing out: give the results a viewport so that the virtualiser renders rows.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1000 });
  Object.defineProperty(HTMLElement.prototype, 'offsetHeight', { configurable: true, get: () => 60 });
});
beforeEach(() => {
  history.clear();
  downloads.length = 0;
});

describe('the queries tab', () => {
  it('finds the passage where two codes meet, with its citation, and opens it', async () => {
    const s = await setUp();
    await chooseCode(s.user, '1', 'Laptop');
    expect(await screen.findByText('2 results')).toBeInTheDocument();
    await s.user.click(screen.getByRole('button', { name: 'Add code' }));
    expect(screen.getByRole('combobox', { name: 'Operator of line 2' })).toHaveValue('and');
    await chooseCode(s.user, '2', 'Contact');

    expect(screen.getByText('Laptop AND Contact')).toBeInTheDocument();
    expect(await screen.findByText('1 result')).toBeInTheDocument();
    expect(resultTexts()).toEqual(['een laptop van school.']);
    const row = within(screen.getByRole('table', { name: 'Query results' })).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('(Doc)');
    expect(row).toHaveTextContent('Laptop; Wekelijks');

    await s.user.click(within(row).getByRole('button', { name: /^Open in Doc/ }));
    const start = OUDER.indexOf('een laptop');
    expect(s.onJump).toHaveBeenCalledWith({ documentGuid: s.documentGuid, start, end: start + 'een laptop van school.'.length });
  });

  it('keeps the segments without the other code for AND NOT, and restricts by a variable', async () => {
    const s = await setUp();
    await chooseCode(s.user, '1', 'Laptop');
    await s.user.click(screen.getByRole('button', { name: 'Add code' }));
    await s.user.selectOptions(screen.getByRole('combobox', { name: 'Operator of line 2' }), 'andNot');
    await chooseCode(s.user, '2', 'Contact');
    expect(await screen.findByText('1 result')).toBeInTheDocument();
    expect(resultTexts()).toEqual(['Sommige ouders hadden geen laptop.']);

    await s.user.selectOptions(screen.getByRole('combobox', { name: 'Operator of line 2' }), 'or');
    expect(await screen.findByText('4 results')).toBeInTheDocument();
    await s.user.click(screen.getByText('groep:'));
    await s.user.click(screen.getByRole('checkbox', { name: 'Ouder' }));
    expect(await screen.findByText('2 results')).toBeInTheDocument();
  });

  it('sorts by a column and exports the rows in that order to CSV', async () => {
    const s = await setUp();
    await chooseCode(s.user, '1', 'Laptop');
    await screen.findByText('2 results');
    expect(resultTexts()).toEqual(['Wij kregen een laptop van school.', 'Sommige ouders hadden geen laptop.']);
    // Longest first on the first click.
    await s.user.click(screen.getByRole('button', { name: 'Length' }));
    expect(screen.getByRole('columnheader', { name: /Length/ })).toHaveAttribute('aria-sort', 'descending');
    await waitFor(() => expect(resultTexts()).toEqual(['Sommige ouders hadden geen laptop.', 'Wij kregen een laptop van school.']));


    // A variable as a column of its own, sorted by its values.
    await s.user.selectOptions(screen.getByRole('combobox', { name: 'Column with variable' }), 'groep');
    await s.user.click(screen.getByRole('button', { name: 'groep' }));
    await waitFor(() => expect(resultTexts()).toEqual(['Sommige ouders hadden geen laptop.', 'Wij kregen een laptop van school.']));
    await s.user.click(screen.getByRole('button', { name: /^groep/ }));
    await waitFor(() => expect(resultTexts()).toEqual(['Wij kregen een laptop van school.', 'Sommige ouders hadden geen laptop.']));
    await s.user.click(screen.getByRole('button', { name: /^Length/ }));
    await waitFor(() => expect(resultTexts()).toEqual(['Sommige ouders hadden geen laptop.', 'Wij kregen een laptop van school.']));

    await s.user.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]!.name).toBe('Test-query.csv');
    const csv = Papa.parse<string[]>(new TextDecoder().decode(downloads[0]!.bytes).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(csv[0]).toEqual(['Document', 'Citation', 'Codes', 'Coder', 'Start', 'End', 'Text']);
    const start = LERAAR.indexOf('Sommige');
    expect(csv[1]).toEqual(['Leraar 1', '(Leraar 1)', 'Laptop', 'Anna', String(start), String(start + 34), 'Sommige ouders hadden geen laptop.']);
  });

  it('saves the citation template as one undoable step and shows an example as it is typed', async () => {
    const s = await setUp();
    const field = screen.getByRole('textbox', { name: 'Citation' });
    await s.user.type(field, '({{groep}, {{scholl})');
    expect(screen.getByText('Example: (Ouder, {scholl?})')).toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent('Unknown variable: {scholl}');
    await s.user.clear(field);
    await s.user.type(field, '({{groep}, {{school}){Enter}');
    await waitFor(async () => expect((await s.db.projects.get(s.projectGuid))?.citationTemplate).toBe('({groep}, {school})'));
    expect(history.peekUndo()?.label).toBe('query.citation.step');

    const saved = { ...s.data, project: { ...s.data.project, citationTemplate: '({groep}, {school})' } };
    s.rerender(saved);
    await chooseCode(s.user, '1', 'Laptop');
    const rows = within(await screen.findByRole('table', { name: 'Query results' })).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('(Ouder, school 1)');
    expect(rows[2]).toHaveTextContent('(Leraar, school 2)');
  });

  it('has no accessibility violations', async () => {
    const s = await setUp();
    await chooseCode(s.user, '1', 'Laptop');
    await screen.findByText('2 results');
    const result = await axe.run(s.view.container, { rules: { 'color-contrast': { enabled: false } } });
    expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' | ')}`)).toEqual([]);
  });
});

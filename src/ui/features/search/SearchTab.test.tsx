import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useLiveQuery } from 'dexie-react-hooks';
import { I18nextProvider } from 'react-i18next';
import { addCode } from '../../../commands/codes';
import { history } from '../../../commands/history';
import { projectWithDocument } from '../../../commands/test-builders';
import type { Coder } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import type { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import SearchTab from './SearchTab';

const TEXT = [
  'Datum: 14 januari, over de laptop',
  '',
  'Interviewer: Hoe ging het thuisonderwijs? Had iedereen een laptop?',
  '',
  'Ouder: Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!',
  '',
  'Interviewer: Dank u.',
  '',
  'Ouder: Graag gedaan.',
].join('\n');

/** The tab as the analysis screen shows it, with the codebook read live as the app does. */
function Harness(props: { db: MarkeerDb; data: ProjectData; coder: Coder; onJump: (t: unknown) => void }) {
  const codes = useLiveQuery(() => props.db.codes.where('projectGuid').equals(props.data.project.guid).toArray(), [props.db], props.data.codes);
  return (
    <ProjectContext.Provider value={{ db: props.db, project: props.data.project, coder: props.coder, coders: props.data.coders, codes }}>
      <SearchTab data={props.data} onJump={props.onJump} />
    </ProjectContext.Provider>
  );
}

async function setUp() {
  history.clear();
  const f = await projectWithDocument(`[${TEXT}]`, null);
  const code = await addCode(f.projectGuid, { name: 'Digitale middelen', parentGuid: null }, f.db);
  if (!code.ok) throw new Error(code.reason);
  const data = await readProjectData(f.db, f.projectGuid);
  const coder = data?.coders.find((c) => c.guid === f.coderGuid);
  if (!data || !coder) throw new Error('no project');
  const onJump = vi.fn();
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <Harness db={f.db} data={data} coder={coder} onJump={onJump} />
      </NotifyProvider>
    </I18nextProvider>,
  );
  const segments = async () => (await f.db.segments.toArray()).map((s) => s.text).sort();
  const search = async (query: string) => {
    const field = screen.getByRole('searchbox', { name: 'Search for' });
    await user.clear(field);
    await user.type(field, `${query}{Enter}`);
  };
  const chooseCode = async (region: HTMLElement, name: string) => {
    const combo = within(region).getAllByRole('combobox', { name: 'Code' })[0]!;
    await user.click(combo);
    await user.type(combo, name.slice(0, 5));
    await screen.findByRole('option', { name: new RegExp(name) });
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() => expect(combo).toHaveValue(name));
  };
  return { ...f, codeGuid: code.value, onJump, user, segments, search, chooseCode };
}

describe('search and autocode', () => {
  it('finds hits in context and codes them by sentence as one undoable step', async () => {
    const s = await setUp();
    await s.search('LAPTOP');
    expect(await screen.findByText('4 hits in 1 document(s)')).toBeInTheDocument();
    const hits = screen.getAllByRole('checkbox', { name: /laptop/ });
    expect(hits).toHaveLength(4);
    expect(hits.every((h) => (h as HTMLInputElement).checked)).toBe(true);

    await s.user.click(screen.getByRole('radio', { name: 'Its sentence' }));
    await s.user.click(hits[1]!);
    await s.user.click(hits[1]!);
    expect(screen.getByRole('heading', { name: 'Preview for hit 2' })).toBeInTheDocument();
    expect(screen.getByText('Had iedereen een laptop?', { selector: 'blockquote' })).toBeInTheDocument();

    await s.chooseCode(document.body, 'Digitale middelen');
    await s.user.click(screen.getByRole('button', { name: 'Code 4 hits' }));
    expect(await screen.findByText(/Digitale middelen: 4 new segments, 4 new codings, 0 were already coded so/)).toBeInTheDocument();
    expect(await s.segments()).toEqual(['Datum: 14 januari, over de laptop', 'Had iedereen een laptop?', 'Hij deelde de laptop van zijn zus!', 'Mijn zoon had geen laptop.']);
    expect(history.peekUndo()?.label).toBe('history.autocode');
    await history.undo();
    expect(await s.segments()).toEqual([]);
  });

  it('codes only the chosen hits, one segment per paragraph, and says which hits had no turn', async () => {
    const s = await setUp();
    await s.search('laptop');
    await screen.findByText('4 hits in 1 document(s)');
    await s.user.click(screen.getByRole('button', { name: 'Select none' }));
    const hits = screen.getAllByRole('checkbox', { name: /laptop/ });
    await s.user.click(hits[0]!);
    await s.user.click(hits[2]!);
    await s.user.click(hits[3]!);
    expect(screen.getByText('3 of 4 selected')).toBeInTheDocument();
    await s.user.click(screen.getByRole('radio', { name: 'Its speaker turn' }));
    expect(screen.getByText(/That gives 2 segments/)).toBeInTheDocument();
    expect(screen.getByText(/1 hit is in no speaker turn and gets its paragraph/)).toBeInTheDocument();
    await s.chooseCode(document.body, 'Digitale middelen');
    await s.user.click(screen.getByRole('button', { name: 'Code 3 hits' }));
    await screen.findByText(/2 new segments/);
    expect(await s.segments()).toEqual(['Datum: 14 januari, over de laptop', 'Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!']);
  });

  it('opens a hit in its document', async () => {
    const s = await setUp();
    await s.search('zus');
    await s.user.click(await screen.findByRole('button', { name: 'Open hit 1 in Doc' }));
    expect(s.onJump).toHaveBeenCalledWith({ documentGuid: s.documentGuid, start: TEXT.indexOf('zus'), end: TEXT.indexOf('zus') + 3 });
  });

  it('searches with a regular expression and says what is wrong with an invalid one', async () => {
    const s = await setUp();
    await s.user.click(screen.getByRole('radio', { name: 'Regular expression' }));
    await s.search('laptop(');
    expect(await screen.findByRole('alert')).toHaveTextContent(/The regular expression in the search field is not valid: Invalid regular expression/);
    expect(screen.getByRole('searchbox', { name: 'Search for' })).toHaveAttribute('aria-invalid', 'true');
    await s.search('z(oo|u)n?s?\\b');
    expect(await screen.findByText('2 hits in 1 document(s)')).toBeInTheDocument();
  });

  it('creates a new code by name and codes with it', async () => {
    const s = await setUp();
    await s.search('zus');
    await screen.findByText('1 hit in 1 document(s)');
    await s.user.type(screen.getAllByRole('textbox', { name: 'New code' })[0]!, 'Broers en zussen{Enter}');
    await waitFor(() => expect(screen.getAllByRole('combobox', { name: 'Code' })[0]).toHaveValue('Broers en zussen'));
    await s.user.click(screen.getByRole('button', { name: 'Code 1 hit' }));
    await screen.findByText(/Broers en zussen: 1 new segments/);
    expect(await s.segments()).toEqual(['zus']);
  });

  it('autocodes every turn of a speaker without the label', async () => {
    const s = await setUp();
    const region = screen.getByRole('region', { name: 'Autocode a speaker’s turns' });
    await s.user.selectOptions(within(region).getByRole('combobox', { name: 'Speaker' }), 'Ouder');
    await s.chooseCode(region, 'Digitale middelen');
    await s.user.click(within(region).getByRole('button', { name: 'Code 2 turns' }));
    await screen.findByText(/2 new segments/);
    expect(await s.segments()).toEqual(['Graag gedaan.', 'Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!']);
  });
});

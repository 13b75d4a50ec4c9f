import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { fixtureProject } from '../../../domain/analysis/matrix-fixture';
import type { ProjectData } from '../../../domain/project-data';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import MatrixTab from './MatrixTab';
import { matrixStrings } from './strings';

// react-virtual renders rows only inside a scroll element with a size.
const sized = (name: 'clientHeight' | 'clientWidth' | 'offsetHeight' | 'offsetWidth', value: number) =>
  vi.spyOn(HTMLElement.prototype, name, 'get').mockImplementation(() => value);

function project(codes = 4): { data: ProjectData; ids: Record<string, string> } {
  const extra = Array.from({ length: Math.max(0, codes - 4) }, (_, i) => ({ name: `Extra ${i + 1}` }));
  return fixtureProject({
    coders: ['Anna', 'Bram'],
    documents: [
      { name: 'Ouder 1', text: 'De school belde elke week. Ouders kregen een laptop mee.', variables: { school: 'Noord', groep: 'Ouder' } },
      { name: 'Leraar 1', text: 'Wij hoorden weinig van de school. De mentor mailde soms.', variables: { school: 'Noord', groep: 'Leraar' } },
      { name: 'Ouder 2', text: 'Geen contact.', variables: { school: 'Zuid', groep: 'Ouder' } },
    ],
    codes: [{ name: 'Contact' }, { name: 'Eenrichting', parent: 'Contact' }, { name: 'Tweerichting', parent: 'Contact' }, { name: 'Middelen' }, ...extra],
    segments: [
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Contact', 'Eenrichting'] },
      { doc: 'Ouder 1', at: 'elke week. Ouders kregen', codes: ['Tweerichting'] },
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Eenrichting'], coder: 'Bram' },
      { doc: 'Ouder 1', at: 'een laptop', codes: ['Middelen'] },
      { doc: 'Leraar 1', at: 'De mentor mailde soms.', codes: ['Eenrichting', 'Tweerichting'] },
    ],
    citationTemplate: '({groep}, {school})',
  });
}

function setUp(codes = 4) {
  const { data, ids } = project(codes);
  const onJump = vi.fn();
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <MatrixTab data={data} onJump={onJump} />
      </NotifyProvider>
    </I18nextProvider>,
  );
  return { data, ids, onJump, user };
}

const grid = () => screen.getByRole('treegrid');
const rowOf = (name: string) => within(grid()).getByRole('rowheader', { name: new RegExp(name) }).closest('tr') as HTMLElement;
const cellsOf = (name: string) => within(rowOf(name)).getAllByRole('gridcell').map((c) => c.textContent);

describe('the matrices tab', () => {
  beforeEach(() => {
    sized('clientHeight', 800);
    sized('clientWidth', 1600);
    sized('offsetHeight', 800);
    sized('offsetWidth', 1600);
  });
  afterEach(() => vi.restoreAllMocks());

  it('has Dutch and English strings for the same keys', () => {
    const keys = (o: object, prefix = ''): string[] => Object.entries(o).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(matrixStrings.nl).sort()).toEqual(keys(matrixStrings.en).sort());
  });

  it('shows codes against documents with subcodes rolled up, and opens the quotations behind a cell', async () => {
    const { user, onJump, ids } = setUp();
    await waitFor(() => expect(within(grid()).getAllByRole('row').length).toBeGreaterThan(1));
    expect(within(grid()).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Code', 'Ouder 1', 'Leraar 1', 'Ouder 2']);
    expect(cellsOf('Contact')).toEqual(['3', '1', '·']);
    expect(cellsOf('Eenrichting')).toEqual(['2', '1', '·']);
    await user.click(within(rowOf('Contact')).getAllByRole('gridcell')[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Contact — Ouder 1' });
    expect(within(dialog).getByText('3 quotations')).toBeTruthy();
    expect(within(dialog).getAllByRole('listitem').map((li) => li.querySelector('blockquote')?.textContent)).toEqual([
      'De school belde elke week.',
      'De school belde elke week.',
      'elke week. Ouders kregen',
    ]);
    expect(within(dialog).getAllByText(/by Bram/)).toHaveLength(1);
    expect(within(dialog).getAllByText(/Ouder 1 \(Ouder, Noord\)/)).toHaveLength(3);
    await user.click(within(dialog).getAllByRole('button', { name: 'Show in document' })[2]!);
    expect(onJump).toHaveBeenCalledWith({ documentGuid: ids['Ouder 1'], start: 16, end: 40 });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('counts documents with the code as "n of N" per variable value', async () => {
    const { user } = setUp();
    await user.selectOptions(screen.getByLabelText('Columns'), 'variable:school');
    await user.selectOptions(screen.getByLabelText('Count'), 'documents');
    await waitFor(() => expect(cellsOf('Contact')).toEqual(['2 of 2', '0 of 1']));
    expect(cellsOf('Middelen')).toEqual(['1 of 2', '0 of 1']);
    await user.selectOptions(screen.getByLabelText('Count'), 'words');
    await waitFor(() => expect(cellsOf('Contact')).toEqual(['11', '·']));
  });

  it('collapses and expands codes, and moves between cells, by keyboard', async () => {
    const { user } = setUp();
    await waitFor(() => expect(within(grid()).getAllByRole('row').length).toBe(5));
    const contact = within(grid()).getByRole('rowheader', { name: /Contact/ });
    await user.click(contact);
    expect(document.activeElement).toBe(contact);
    await user.keyboard('{ArrowLeft}');
    await waitFor(() => expect(within(grid()).queryByRole('rowheader', { name: /Eenrichting/ })).toBeNull());
    expect(rowOf('Contact').getAttribute('aria-expanded')).toBe('false');
    await user.keyboard('{Enter}');
    await waitFor(() => expect(within(grid()).getByRole('rowheader', { name: /Eenrichting/ })).toBeTruthy());
    await user.keyboard('{ArrowDown}{ArrowRight}{ArrowRight}');
    expect(document.activeElement?.textContent).toBe('1');
    expect(document.activeElement?.getAttribute('aria-colindex')).toBe('3');
    await user.keyboard('{Enter}');
    expect(await screen.findByRole('dialog', { name: 'Eenrichting — Leraar 1' })).toBeTruthy();
  });

  it('renders only the rows in view of a large codebook', async () => {
    setUp(400);
    await waitFor(() => expect(within(grid()).getAllByRole('row').length).toBeGreaterThan(10));
    const rendered = within(grid()).getAllByRole('row').length;
    expect(rendered).toBeLessThan(80);
    expect(grid().getAttribute('aria-rowcount')).toBe('401');
  });

  it('puts the quotations in the cells of the within-case matrix for one school, and exports it as HTML', async () => {
    const { user, onJump, ids } = setUp();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.selectOptions(screen.getByLabelText('View'), 'quotations');
    await user.selectOptions(screen.getByLabelText('Columns'), 'variable:groep');
    await user.click(screen.getByText(/^school:/));
    await user.click(screen.getByRole('checkbox', { name: 'Noord' }));
    const table = await screen.findByRole('table', { name: /Quotations per code and groep/ });
    await waitFor(() => expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Code', 'Leraar', 'Ouder']));
    const mentor = within(table).getAllByRole('button', { name: /De mentor mailde soms/ })[0]!;
    expect(mentor.textContent).toContain('(Leraar, Noord) · Anna');
    await user.click(mentor);
    expect(onJump).toHaveBeenCalledWith(expect.objectContaining({ documentGuid: ids['Leraar 1'] }));
    await user.click(screen.getByRole('button', { name: 'HTML for printing' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const html = await created[0]!.text();
    expect(html).toContain('<title>Quotation matrix: Fixture</title>');
    expect(html).toContain('Filter: school = Noord');
    expect(html).toContain('De mentor mailde soms.');
    expect(html).not.toContain('Ouder 2');
  });

  it('counts code pairs per value of a variable and exports the matrix to CSV', async () => {
    const { user } = setUp();
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => {
      created.push(b as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    await user.click(screen.getByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const csv = (await created[0]!.text()).replace(/^\uFEFF/, '');
    expect(csv.split('\r\n').slice(0, 3)).toEqual(['Code,Path,Ouder 1,Leraar 1,Ouder 2,Total', 'Contact,Contact,3,1,0,4', 'Eenrichting,Contact / Eenrichting,2,1,0,3']);

    await user.selectOptions(screen.getByLabelText('View'), 'cooccurrence');
    await user.selectOptions(screen.getByLabelText('One table per'), 'groep');
    const table = await screen.findByLabelText('Table');
    expect(within(table).getAllByRole('option').map((o) => o.textContent)).toEqual(['Leraar (1 documents)', 'Ouder (2 documents)']);
    await waitFor(() => expect(cellsOf('Eenrichting')).toEqual(['1', '1', '1', '·']));
    await user.selectOptions(table, 'Ouder');
    // Within each coder's own coding by default; with the other coders' segments when asked.
    await waitFor(() => expect(cellsOf('Eenrichting')).toEqual(['3', '2', '1', '·']));
    await user.click(screen.getByRole('checkbox', { name: /Also count overlaps between segments of different coders/ }));
    await waitFor(() => expect(cellsOf('Eenrichting')).toEqual(['6', '2', '2', '·']));
    await act(async () => {
      await user.click(within(rowOf('Eenrichting')).getAllByRole('gridcell')[2]!);
    });
    const dialog = await screen.findByRole('dialog', { name: 'Eenrichting — Tweerichting' });
    expect(within(dialog).getByText('3 quotations')).toBeTruthy();
  });
});

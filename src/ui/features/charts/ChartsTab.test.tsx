import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { fixtureProject } from '../../../domain/analysis/matrix-fixture';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import ChartsTab from './ChartsTab';

/** Two themes over three interviews of two respondent groups, in two document groups. */
function project() {
  return fixtureProject({
    documents: [
      { name: 'Ouder 1', text: 'We kregen een brief. Daarna belde de mentor.', variables: { groep: 'Ouder' } },
      { name: 'Ouder 2', text: 'Niemand belde. Wel een nieuwsbrief.', variables: { groep: 'Ouder' } },
      { name: 'Leraar 1', text: 'Ik belde elke week. De zorgcoördinator hielp.', variables: { groep: 'Leraar' } },
    ],
    codes: [{ name: 'Communicatie' }, { name: 'Eenzijdig', parent: 'Communicatie' }, { name: 'Tweezijdig', parent: 'Communicatie' }, { name: 'Zorg' }],
    groups: [
      { name: 'School Noord', documents: ['Ouder 1', 'Leraar 1'] },
      { name: 'School Zuid', documents: ['Ouder 2'] },
    ],
    segments: [
      { doc: 'Ouder 1', at: 'We kregen een brief.', codes: ['Eenzijdig'] },
      { doc: 'Ouder 1', at: 'Daarna belde de mentor.', codes: ['Tweezijdig'] },
      { doc: 'Ouder 2', at: 'Wel een nieuwsbrief.', codes: ['Eenzijdig'] },
      { doc: 'Leraar 1', at: 'Ik belde elke week.', codes: ['Tweezijdig', 'Zorg'] },
      { doc: 'Leraar 1', at: 'De zorgcoördinator hielp.', codes: ['Zorg'] },
    ],
  }).data;
}

function renderTab(lang: 'en' | 'nl' = 'en') {
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n(lang)}>
      <NotifyProvider>
        <ChartsTab data={project()} onJump={vi.fn()} />
      </NotifyProvider>
    </I18nextProvider>,
  );
  return user;
}

/** The drawn chart; the first one waits for the charting library to load. */
function findChart(name: string | RegExp) {
  return screen.findByRole('img', { name }, { timeout: 15_000 });
}

/** The table's body as [row header, ...cells] per row. */
function tableRows(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map((row) => [...row.querySelectorAll('th, td')].map((c) => c.textContent ?? ''));
}

describe('the charts tab', () => {
  it('draws the top-level codes by document group, described for screen readers, with the numbers as a table on request', async () => {
    const user = renderTab();
    const title = 'Coded segments per code, by document group';
    const chart = await findChart(title);
    expect(chart).toHaveAccessibleDescription('Bar chart of 2 codes by document group, in 2 columns. Highest bar: Communicatie for School Noord (3).');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();

    const toggle = screen.getByRole('button', { name: 'Show as table' });
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-pressed', 'true');
    const table = screen.getByRole('table', { name: title });
    expect(within(table).getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['Code', 'School Noord', 'School Zuid']);
    expect(tableRows(table)).toEqual([
      ['Communicatie', '3', '1'],
      ['Zorg', '2', '0'],
    ]);
  });

  it("counts documents with the code per value of a variable, for a parent's sub-codes", async () => {
    const user = renderTab();
    await user.selectOptions(screen.getByLabelText('By'), 'groep');
    await user.selectOptions(screen.getByLabelText('Count'), 'documents with the code');
    await user.selectOptions(screen.getByLabelText('Codes'), 'Sub-codes of Communicatie');
    await user.click(screen.getByRole('button', { name: 'Show as table' }));
    const table = await screen.findByRole('table', { name: 'Documents with the code, by groep' });
    expect(tableRows(table)).toEqual([
      ['Eenzijdig', '0', '2'],
      ['Tweezijdig', '1', '1'],
    ]);
    expect(screen.getByRole('img', { name: 'Documents with the code, by groep' })).toBeInTheDocument();
  });

  it('draws co-occurrence as a heat map, also for one value of a variable', async () => {
    const user = renderTab();
    await user.selectOptions(screen.getByLabelText('Chart'), 'Code co-occurrence (heat map)');
    const chart = await findChart('Co-occurrence of codes');
    expect(chart).toHaveAccessibleDescription(/Most often together: Communicatie and Zorg \(1\)\.$/);
    await user.click(screen.getByRole('button', { name: 'Show as table' }));
    expect(tableRows(screen.getByRole('table', { name: 'Co-occurrence of codes' }))).toEqual([
      ['Communicatie', '4', '1'],
      ['Zorg', '1', '2'],
    ]);

    await user.selectOptions(screen.getByRole('combobox', { name: 'Documents' }), 'groep: Ouder');
    const ouder = await findChart('Co-occurrence of codes (groep: Ouder)');
    expect(ouder).toHaveAccessibleDescription(/No two of these codes occur together\.$/);
    expect(tableRows(screen.getByRole('table', { name: 'Co-occurrence of codes (groep: Ouder)' }))).toEqual([
      ['Communicatie', '3', '0'],
      ['Zorg', '0', '0'],
    ]);
  });

  it('follows the shared filter', async () => {
    const user = renderTab();
    await findChart('Coded segments per code, by document group');
    await user.click(screen.getByText('groep:'));
    await user.click(screen.getByRole('checkbox', { name: 'Leraar' }));
    await user.click(screen.getByRole('button', { name: 'Show as table' }));
    // Only the teacher's interview, which is in School Noord.
    expect(tableRows(screen.getByRole('table'))).toEqual([
      ['Communicatie', '1', '0'],
      ['Zorg', '2', '0'],
    ]);
  });

  it('says why there is nothing to draw instead of drawing an empty chart', async () => {
    const user = renderTab();
    await findChart(/.+/);
    await user.selectOptions(screen.getByLabelText('Codes'), 'Choose codes');
    await user.click(screen.getByText('2 codes chosen'));
    await user.click(screen.getByRole('checkbox', { name: 'Communicatie' }));
    expect(screen.getByRole('img')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Zorg' }));
    expect(screen.getByText('There are no codes to show. Choose other codes under “Codes”.')).toHaveAttribute('role', 'status');
    expect(screen.queryByRole('img')).not.toBeInTheDocument();
  });

  it('saves the chart as an SVG file named after its title', async () => {
    const created = vi.fn((_blob: Blob) => 'blob:chart');
    const names: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    try {
      const user = renderTab('nl');
      await findChart('Gecodeerde segmenten per code, per documentgroep');
      await user.click(screen.getByRole('button', { name: 'Opslaan als SVG' }));
      expect(names).toEqual(['Gecodeerde segmenten per code, per documentgroep.svg']);
      const blob = created.mock.calls[0]?.[0];
      expect(blob?.type).toBe('image/svg+xml');
      const text = (await blob?.text()) ?? '';
      const saved = new DOMParser().parseFromString(text, 'image/svg+xml');
      expect(saved.getElementsByTagName('parsererror')).toHaveLength(0);
      expect(saved.documentElement.querySelector('title')?.textContent).toBe('Gecodeerde segmenten per code, per documentgroep');
      expect(await screen.findByText('Gecodeerde segmenten per code, per documentgroep.svg is opgeslagen.')).toBeInTheDocument();
    } finally {
      click.mockRestore();
      vi.unstubAllGlobals();
    }
  });
});

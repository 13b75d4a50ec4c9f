import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import JSZip from 'jszip';
import { I18nextProvider } from 'react-i18next';
import { applyCode } from '../../../commands/coding';
import { addCode } from '../../../commands/codes';
import { projectWithDocument } from '../../../commands/test-builders';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import { CodebookExport } from './CodebookExport';

const downloads = vi.hoisted(() => [] as { bytes: Uint8Array; name: string; type?: string }[]);
vi.mock('../bundles/download', () => ({ downloadBytes: (bytes: Uint8Array, name: string, type?: string) => downloads.push({ bytes, name, type }) }));

async function setUp() {
  const f = await projectWithDocument('Wij kregen [een laptop] van school.', null);
  const contact = await addCode(f.projectGuid, { name: 'Contact', parentGuid: null }, f.db);
  if (!contact.ok) throw new Error(contact.reason);
  const laptop = await addCode(f.projectGuid, { name: 'Laptop', parentGuid: contact.value }, f.db);
  if (!laptop.ok) throw new Error(laptop.reason);
  await applyCode({ ...f, ...f.range, codeGuid: laptop.value }, f.db);
  const data = (await readProjectData(f.db, f.projectGuid))!;
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={{ db: f.db, project: data.project, coder: data.coders[0]!, coders: data.coders, codes: data.codes }}>
          <CodebookExport />
        </ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>,
  );
  return userEvent.setup();
}

beforeEach(() => {
  downloads.length = 0;
});

describe('exporting the codebook', () => {
  it('downloads a report to print with each code, its path and its codings per coder', async () => {
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Export codebook…' }));
    await user.click(await screen.findByRole('button', { name: 'Report (HTML)' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]).toMatchObject({ name: 'Test-codebook.html', type: 'text/html;charset=utf-8' });
    const doc = new DOMParser().parseFromString(new TextDecoder().decode(downloads[0]!.bytes), 'text/html');
    expect(doc.title).toBe('Codebook: Test');
    expect([...doc.querySelectorAll('article h2, article h3')].map((h) => h.textContent)).toEqual(['Contact', 'Laptop']);
    expect(doc.querySelector('article:last-of-type .path')?.textContent).toBe('Contact › Laptop');
    expect(doc.querySelector('article:last-of-type tbody tr')?.textContent).toBe('Anna1');
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('downloads the codebook as CSV and as an XLSX workbook', async () => {
    const user = await setUp();
    await user.click(screen.getByRole('button', { name: 'Export codebook…' }));
    await user.click(await screen.findByRole('button', { name: 'CSV' }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const csv = new TextDecoder().decode(downloads[0]!.bytes);
    expect(csv).toContain('Path,Code,Parent,Level,Definition,Colour,Key,Codings,Codings incl. sub-codes,Memos');
    expect(csv).toContain('Contact › Laptop,Laptop,Contact,2,');

    await user.click(screen.getByRole('button', { name: 'Export codebook…' }));
    await user.click(await screen.findByRole('button', { name: 'XLSX' }));
    await waitFor(() => expect(downloads).toHaveLength(2));
    const zip = await JSZip.loadAsync(downloads[1]!.bytes);
    const strings = await zip.file('xl/sharedStrings.xml')?.async('string');
    expect(strings).toContain('Contact › Laptop');
  });
});

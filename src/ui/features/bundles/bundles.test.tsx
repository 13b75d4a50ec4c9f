import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { exportBundle } from '../../../commands/bundles';
import { setCodeShortcut } from '../../../commands/codes';
import { exportRefi } from '../../../commands/refi';
import { createProject } from '../../../commands/projects';
import { assert } from '../../../domain/assert';
import { BUNDLE_FAILURES } from '../../../io/bundle/types';
import { REFI_FAILURES } from '../../../io/refi/types';
import { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import { ProjectMenu } from '../project/ProjectMenu';
import { ImportBundleButton } from './ImportBundleButton';
import { bundlesStrings } from './strings';

const DEMO_GUID = '6f1c2a3e-8d4b-4f5a-9c7e-1b2d3e4f5a60';
const demoFile = () => new File([readFileSync(join(import.meta.dirname, '../../../io/bundle/fixtures/v1-demo.markeer'))], 'v1-demo.markeer');


const renderUi = (ui: ReactNode) =>
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>{ui}</NotifyProvider>
    </I18nextProvider>,
  );

const freshDb = () => new MarkeerDb(`test-${crypto.randomUUID()}`);

describe('bundle strings', () => {
  it('explain every reason an import can fail, in Dutch and English', () => {
    for (const reason of [...BUNDLE_FAILURES, ...REFI_FAILURES, 'bundle-already-imported', 'bundle-project-exists', 'bundle-needs-coder']) {
      expect(bundlesStrings.nl.errors, reason).toHaveProperty([reason]);
      expect(bundlesStrings.en.errors, reason).toHaveProperty([reason]);
    }
  });

  it('have the same keys and interpolation variables in Dutch and English', () => {
    const flat = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const nl = new Map(flat(bundlesStrings.nl));
    const en = new Map(flat(bundlesStrings.en));
    expect([...nl.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of nl) expect(vars(text), key).toEqual(vars(en.get(key) ?? ''));
  });
});

const fixture = (name: string) => new File([readFileSync(join(import.meta.dirname, '../../../io/refi/fixtures', name))], name);

describe('ImportBundleButton with REFI-QDA files', () => {
  beforeEach(() => {
    window.location.hash = '';
  });

  it('imports a .qdpx as a new project, lists what was not imported and then opens it', async () => {
    const source = freshDb();
    const created = await createProject({ name: 'Scholen', coderName: 'Anna', template: 'veerkracht-partnerschap', lang: 'en', db: source });
    assert(created.ok, 'project created');
    const qdpx = await exportRefi(created.value.projectGuid, 'qdpx', source);
    assert(qdpx.ok, 'exported');

    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), new File([qdpx.value.bytes as Uint8Array<ArrayBuffer>], 'Scholen.QDPX'));
    const dialog = await screen.findByRole('dialog', { name: 'What was not imported' });
    expect(dialog).toHaveTextContent('Project “Scholen” was imported from “Scholen.QDPX”.');
    expect(dialog).toHaveTextContent('Everything in the file was imported.');
    const projects = await db.projects.toArray();
    expect(projects.map((p) => p.name)).toEqual(['Scholen']);
    expect(projects[0]?.guid).not.toBe(created.value.projectGuid);
    expect(window.location.hash).toBe('');

    await user.click(within(dialog).getByRole('button', { name: 'Open project' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/p/${projects[0]?.guid}`));
    expect(await screen.findByText('The project was imported.')).toBeInTheDocument();
  });

  it('lists every discarded element and the position convention of each document', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), fixture('spec-annex-a2-atlasti-8.qde'));
    const dialog = await screen.findByRole('dialog', { name: 'What was not imported' });
    const discarded = within(dialog).getByRole('heading', { name: 'Not imported' }).nextElementSibling as HTMLElement;
    expect(within(discarded).getByText('video “1960s Coca Cola commercial.mp4”: Markeer imports text documents only')).toBeInTheDocument();
    expect(within(discarded).getAllByRole('listitem').length).toBeGreaterThan(10);

    const nvivo = freshDb();
    renderUi(<ImportBundleButton db={nvivo} />);
    await user.click(within(dialog).getByRole('button', { name: 'Open project' }));
    await user.upload(screen.getAllByLabelText('Import project…')[1] as HTMLElement, fixture('nvivo-mac-15.qdpx'));
    const report = await screen.findByRole('dialog', { name: 'What was not imported' });
    expect(within(report).getByRole('heading', { name: 'Positions per document' })).toBeInTheDocument();
    expect(report).toHaveTextContent('code points (= UTF-16 code units here) (the document has no selections)');
  });

  it('shows the warnings of a codebook that does not follow the standard', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), fixture('invalid-empty-sets.qdc'));
    const dialog = await screen.findByRole('dialog', { name: 'What was not imported' });
    expect(within(dialog).getByRole('heading', { name: 'Repaired while importing' })).toBeInTheDocument();
    expect(dialog).toHaveTextContent('an empty <Sets/> is not allowed by the standard; it was ignored');
    expect(await db.documents.count()).toBe(0);
    expect(await db.codes.count()).toBeGreaterThan(0);
  });

  it('explains a damaged .qdpx and imports nothing', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), new File(['<html></html>'], 'page.qde'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is XML, but not a REFI-QDA project or codebook. Nothing was imported.');
    expect(await db.projects.count()).toBe(0);
  });
});

describe('ImportBundleButton', () => {
  beforeEach(() => {
    window.location.hash = '';
  });

  it('imports a bundle file and opens its project', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), demoFile());
    await waitFor(() => expect(window.location.hash).toBe(`#/p/${DEMO_GUID}`));
    expect(await screen.findByText('The project was imported.')).toBeInTheDocument();
    expect((await readProjectData(db, DEMO_GUID))?.segments).toHaveLength(4);
  });

  it('says so when the bundle was imported before', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), demoFile());
    await screen.findByText('The project was imported.');
    await user.upload(screen.getByLabelText('Import project…'), demoFile());
    expect(await screen.findByText(/This bundle was imported before: project “Ouders en school”/)).toBeInTheDocument();
  });

  it('explains a damaged file and imports nothing', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    const bytes = readFileSync(join(import.meta.dirname, '../../../io/bundle/fixtures/v1-demo.markeer'));
    await user.upload(screen.getByLabelText('Import project…'), new File([bytes.subarray(0, 500)], 'half.markeer'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is damaged or incomplete');
    expect(await db.projects.count()).toBe(0);
  });

  it('offers a copy when the project exists here with other work', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), demoFile());
    await screen.findByText('The project was imported.');
    // Work here that the bundle does not have: one coding fewer.
    await db.codings.limit(1).delete();

    await user.upload(screen.getByLabelText('Import project…'), demoFile());
    const dialog = await screen.findByRole('alertdialog', { name: 'Project “Ouders en school” already exists' });
    await user.click(within(dialog).getByRole('button', { name: 'Import as a copy' }));
    await waitFor(() => expect(window.location.hash).not.toBe(`#/p/${DEMO_GUID}`));
    expect(await screen.findByText('The project was imported.')).toBeInTheDocument();
    const copy = (await db.projects.toArray()).find((p) => p.guid !== DEMO_GUID);
    expect(copy?.name).toBe('Ouders en school (copy)');
    expect(window.location.hash).toBe(`#/p/${copy?.guid}`);
  });

  it('asks who is going to code before importing a hand-out', async () => {
    const lead = freshDb();
    const created = await createProject({ name: 'Scholen', coderName: 'Anna', template: null, lang: 'en', db: lead });
    assert(created.ok, 'project created');
    const handout = await exportBundle(created.value.projectGuid, 'handout', lead);
    assert(handout.ok, 'exported');

    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import project…'), new File([handout.value.bytes as Uint8Array<ArrayBuffer>], handout.value.fileName));
    const dialog = await screen.findByRole('dialog', { name: 'Who is going to code?' });
    await user.type(within(dialog).getByLabelText('Your name as coder'), 'Bram');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/p/${created.value.projectGuid}`));
    const data = await readProjectData(db, created.value.projectGuid);
    expect(data?.coders.find((c) => c.guid === data.project.ownerCoderGuid)?.name).toBe('Bram');
  });
});

describe('ExportMenu', () => {
  async function projectContext(): Promise<ProjectContextValue> {
    const db = freshDb();
    const created = await createProject({ name: 'Ouderbetrokkenheid', coderName: 'Anna', template: null, lang: 'en', db });
    assert(created.ok, 'project created');
    const project = await db.projects.get(created.value.projectGuid);
    const coder = await db.coders.get([created.value.projectGuid, created.value.coderGuid]);
    assert(project && coder, 'project and coder stored');
    return { db, project, coder, coders: [coder], codes: [] };
  }

  it('downloads a hand-out named after the project', async () => {
    const ctx = await projectContext();
    const created = vi.fn((_blob: Blob) => 'blob:bundle');
    const names: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const user = userEvent.setup();
    renderUi(
      <ProjectContext.Provider value={ctx}>
        <ProjectMenu onJump={() => undefined} />
      </ProjectContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Project' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export project' });
    await user.click(within(dialog).getByRole('radio', { name: /Hand-out for coders/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Download' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(names[0]).toMatch(/^ouderbetrokkenheid-handout-\d{4}-\d{2}-\d{2}\.markeer$/);
    expect(created.mock.calls[0]?.[0].size).toBeGreaterThan(100);
    expect(await screen.findByText(`“${names[0]}” was downloaded.`)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    click.mockRestore();
    vi.unstubAllGlobals();
  });

  function stubDownload() {
    const created = vi.fn((_blob: Blob) => 'blob:refi');
    const names: string[] = [];
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL: created, revokeObjectURL: vi.fn() }));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    return {
      created,
      names,
      click,
      restore() {
        click.mockRestore();
        vi.unstubAllGlobals();
      },
    };
  }

  it('lists what a .qdpx cannot carry before downloading it, with UTF-16 positions on request', async () => {
    const ctx = await projectContext();
    const download = stubDownload();
    const user = userEvent.setup();
    renderUi(
      <ProjectContext.Provider value={ctx}>
        <ProjectMenu onJump={() => undefined} />
      </ProjectContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Project' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Export project' });
    expect(within(dialog).queryByRole('checkbox')).not.toBeInTheDocument();
    await user.click(within(dialog).getByRole('radio', { name: /REFI-QDA project \(\.qdpx\)/ }));
    await user.click(within(dialog).getByRole('checkbox', { name: /positions in UTF-16 \(for NVivo\)/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Download' }));

    const lost = await screen.findByRole('dialog', { name: 'What does not go along' });
    expect(within(lost).getByRole('listitem')).toHaveTextContent('coder colours');
    expect(download.click).not.toHaveBeenCalled();
    await user.click(within(lost).getByRole('button', { name: 'Download anyway' }));
    await waitFor(() => expect(download.click).toHaveBeenCalled());
    expect(download.names[0]).toMatch(/^ouderbetrokkenheid-\d{4}-\d{2}-\d{2}\.qdpx$/);
    const bytes = new Uint8Array(await (download.created.mock.calls[0]?.[0] as Blob).arrayBuffer());
    expect(new TextDecoder().decode(bytes.subarray(0, 2))).toBe('PK');
    expect(await screen.findByText(`“${download.names[0]}” was downloaded.`)).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    download.restore();
  });

  it('downloads a codebook at once when it loses nothing, and lists a lost shortcut key', async () => {
    const ctx = await projectContext();
    const download = stubDownload();
    const user = userEvent.setup();
    renderUi(
      <ProjectContext.Provider value={ctx}>
        <ProjectMenu onJump={() => undefined} />
      </ProjectContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Project' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export…' }));
    let dialog = await screen.findByRole('dialog', { name: 'Export project' });
    await user.click(within(dialog).getByRole('radio', { name: /Codebook \(\.qdc\)/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Download' }));
    await waitFor(() => expect(download.click).toHaveBeenCalledTimes(1));
    expect(download.names[0]).toMatch(/^ouderbetrokkenheid-\d{4}-\d{2}-\d{2}\.qdc$/);
    expect(await (download.created.mock.calls[0]?.[0] as Blob).text()).toContain('<CodeBook');

    const { addCode } = await import('../../../commands/codes');
    const code = await addCode(ctx.project.guid, { name: 'Twijfel', parentGuid: null }, ctx.db);
    assert(code.ok, 'code added');
    assert((await setCodeShortcut(ctx.project.guid, code.value, 3, ctx.db)).ok, 'key set');
    await user.click(screen.getByRole('button', { name: 'Project' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Export…' }));
    dialog = await screen.findByRole('dialog', { name: 'Export project' });
    await user.click(within(dialog).getByRole('radio', { name: /Codebook \(\.qdc\)/ }));
    await user.click(within(dialog).getByRole('button', { name: 'Download' }));
    const lost = await screen.findByRole('dialog', { name: 'What does not go along' });
    expect(within(lost).getByRole('listitem')).toHaveTextContent('shortcut key 3 of code “Twijfel”');
    await user.click(within(lost).getByRole('button', { name: 'Cancel' }));
    expect(download.click).toHaveBeenCalledTimes(1);
    download.restore();
  });
});

import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { exportBundle } from '../../../commands/bundles';
import { createProject } from '../../../commands/projects';
import { assert } from '../../../domain/assert';
import { BUNDLE_FAILURES } from '../../../io/bundle/types';
import { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import { appStrings } from '../../i18n/app-strings';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import { ExportMenu } from './ExportMenu';
import { ImportBundleButton } from './ImportBundleButton';
import { bundlesStrings } from './strings';

const DEMO_GUID = '6f1c2a3e-8d4b-4f5a-9c7e-1b2d3e4f5a60';
const demoFile = () => new File([readFileSync(join(import.meta.dirname, '../../../io/bundle/fixtures/v1-demo.markeer'))], 'v1-demo.markeer');

let instance: i18n | null = null;
/** English interface strings with this feature's strings under `bundles`. */
function testI18n(): i18n {
  if (instance) return instance;
  instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { en: { translation: { ...appStrings.en, bundles: bundlesStrings.en } } },
    lng: 'en',
    fallbackLng: false,
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}

const renderUi = (ui: ReactNode) =>
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>{ui}</NotifyProvider>
    </I18nextProvider>,
  );

const freshDb = () => new MarkeerDb(`test-${crypto.randomUUID()}`);

describe('bundle strings', () => {
  it('explain every reason an import can fail, in Dutch and English', () => {
    for (const reason of [...BUNDLE_FAILURES, 'bundle-already-imported', 'bundle-project-exists', 'bundle-needs-coder']) {
      expect(bundlesStrings.nl.errors, reason).toHaveProperty([reason]);
      expect(bundlesStrings.en.errors, reason).toHaveProperty([reason]);
    }
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
    await user.upload(screen.getByLabelText('Import bundle…'), demoFile());
    await waitFor(() => expect(window.location.hash).toBe(`#/p/${DEMO_GUID}`));
    expect(await screen.findByText('The project was imported.')).toBeInTheDocument();
    expect((await readProjectData(db, DEMO_GUID))?.segments).toHaveLength(4);
  });

  it('says so when the bundle was imported before', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import bundle…'), demoFile());
    await screen.findByText('The project was imported.');
    await user.upload(screen.getByLabelText('Import bundle…'), demoFile());
    expect(await screen.findByText(/This bundle was imported before: project “Ouders en school”/)).toBeInTheDocument();
  });

  it('explains a damaged file and imports nothing', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    const bytes = readFileSync(join(import.meta.dirname, '../../../io/bundle/fixtures/v1-demo.markeer'));
    await user.upload(screen.getByLabelText('Import bundle…'), new File([bytes.subarray(0, 500)], 'half.markeer'));
    expect(await screen.findByRole('alert')).toHaveTextContent('This file is damaged or incomplete');
    expect(await db.projects.count()).toBe(0);
  });

  it('offers a copy when the project exists here with other work', async () => {
    const db = freshDb();
    const user = userEvent.setup();
    renderUi(<ImportBundleButton db={db} />);
    await user.upload(screen.getByLabelText('Import bundle…'), demoFile());
    await screen.findByText('The project was imported.');
    // Work here that the bundle does not have: one coding fewer.
    await db.codings.limit(1).delete();

    await user.upload(screen.getByLabelText('Import bundle…'), demoFile());
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
    await user.upload(screen.getByLabelText('Import bundle…'), new File([handout.value.bytes as Uint8Array<ArrayBuffer>], handout.value.fileName));
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
        <ExportMenu />
      </ProjectContext.Provider>,
    );
    await user.click(screen.getByRole('button', { name: 'Export…' }));
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
});

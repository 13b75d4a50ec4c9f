import { testI18n } from '../../i18n/test-i18n';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { assert } from '../../../domain/assert';
import { I18nextProvider } from 'react-i18next';
import { exportBundle, importBundle } from '../../../commands/bundles';
import { addCode } from '../../../commands/codes';
import { applyCode } from '../../../commands/coding';
import { history } from '../../../commands/history';
import { exportQdpx } from '../../../io/refi';
import { freshDb, projectWithDocument } from '../../../commands/test-builders';
import { addDocuments } from '../../../commands/documents';
import type { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext, type ProjectContextValue } from '../../shell/project-context';
import { ProjectMenu } from '../project/ProjectMenu';
import { teamStrings } from './strings';

const CODE_A = 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3'; // Signalen opmerken
const TEXT = 'Ik zag dat hij niet online kwam die week. Ik was boos.';
const range = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });


async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** The lead's project after handing it out and adding "Frustratie" of its own. */
async function lead() {
  const f = await projectWithDocument(`[${TEXT}]`);
  const handout = await must(exportBundle(f.projectGuid, 'handout', f.db));
  const frustratie = await must(addCode(f.projectGuid, { name: 'Frustratie', parentGuid: null }, f.db));
  return { ...f, handout: handout.bytes, frustratie };
}

/** A coder's full bundle, coded in their own browser from the hand-out. */
async function coderFile(handout: Uint8Array, name: string, work: (c: { db: MarkeerDb; projectGuid: string; coderGuid: string; documentGuid: string }) => Promise<void>) {
  const db = freshDb();
  const projectGuid = await must(importBundle(handout, { db, coderName: name }));
  const data = await readProjectData(db, projectGuid);
  if (!data) throw new Error('no project');
  await work({ db, projectGuid, coderGuid: data.project.ownerCoderGuid, documentGuid: data.documents[0]?.guid ?? '' });
  const bundle = await must(exportBundle(projectGuid, 'full', db));
  return new File([bundle.bytes as Uint8Array<ArrayBuffer>], `${name}.markeer`);
}

async function context(db: MarkeerDb, projectGuid: string): Promise<ProjectContextValue> {
  const data = await readProjectData(db, projectGuid);
  const coder = data?.coders.find((c) => c.guid === data.project.ownerCoderGuid);
  if (!data || !coder) throw new Error('no project');
  return { db, project: data.project, coder, coders: data.coders, codes: data.codes };
}

async function setUp() {
  const l = await lead();
  const bram = await coderFile(l.handout, 'Bram', async (c) => {
    await must(applyCode({ ...c, ...range('dat hij niet online kwam'), codeGuid: CODE_A }, c.db));
    const frustratie = await must(addCode(c.projectGuid, { name: 'frustratie', parentGuid: null }, c.db));
    await must(applyCode({ ...c, ...range('Ik was boos.'), codeGuid: frustratie }, c.db));
  });
  const chris = await coderFile(l.handout, 'Chris', async (c) => {
    await must(applyCode({ ...c, ...range('Ik zag dat hij'), codeGuid: CODE_A }, c.db));
  });
  history.clear();
  const ctx = await context(l.db, l.projectGuid);
  const user = userEvent.setup();
  render(
    <I18nextProvider i18n={testI18n()}>
      <NotifyProvider>
        <ProjectContext.Provider value={ctx}>
          <ProjectMenu onJump={() => undefined} />
        </ProjectContext.Provider>
      </NotifyProvider>
    </I18nextProvider>,
  );
  await user.click(screen.getByRole('button', { name: 'Project' }));
  await user.click(await screen.findByRole('menuitem', { name: 'Merge coders…' }));
  const dialog = await screen.findByRole('dialog', { name: 'Merge coders’ work' });
  return { ...l, bram, chris, user, dialog };
}

async function segmentsByCoder(db: MarkeerDb, projectGuid: string) {
  const data = await readProjectData(db, projectGuid);
  const name = new Map(data?.coders.map((c) => [c.guid, c.name]));
  return data?.segments.map((s) => `${name.get(s.coderGuid)}: ${s.text}`).sort();
}

beforeEach(() => history.clear());

describe('team strings', () => {
  it('have the same keys and interpolation variables in Dutch and English', () => {
    const flat = (o: object, prefix = ''): [string, string][] =>
      Object.entries(o).flatMap(([k, v]) => (typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const nl = new Map(flat(teamStrings.nl));
    const en = new Map(flat(teamStrings.en));
    expect([...nl.keys()].sort()).toEqual([...en.keys()].sort());
    for (const [key, text] of nl) expect(vars(text), key).toEqual(vars(en.get(key) ?? ''));
  });
});

describe('MergeDialog', () => {
  it('shows the plan of two coders’ bundles before writing, merges on confirmation and reports', async () => {
    const s = await setUp();
    await s.user.upload(within(s.dialog).getByLabelText('Choose bundles…'), [s.bram, s.chris]);

    const dialog = await screen.findByRole('dialog', { name: 'Check before merging' });
    expect(await segmentsByCoder(s.db, s.projectGuid)).toEqual([]);
    const bramPlan = within(dialog).getByRole('region', { name: 'Bram.markeer' });
    expect(within(bramPlan).getByText('Bram (new coder)')).toBeInTheDocument();
    expect(within(bramPlan).getByText('Anna (already in the project)')).toBeInTheDocument();
    expect(within(bramPlan).getByText('1 document recognised by its GUID')).toBeInTheDocument();
    const sameCode = within(bramPlan).getByRole('checkbox', { name: 'Treat “frustratie” as the same code as “Frustratie”' });
    expect(sameCode).toBeChecked();
    expect(within(dialog).getByRole('region', { name: 'Chris.markeer' })).toHaveTextContent('Chris (new coder)');

    await s.user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    const report = await screen.findByRole('dialog', { name: 'Merged' });
    expect(report).toHaveTextContent('Undo (Ctrl+Z) takes back the whole merge in one step.');
    const total = within(report).getByRole('table', { name: 'Total' });
    expect(within(total).getByRole('row', { name: /Segments/ })).toHaveTextContent('Segments30');
    expect(within(report).getByRole('table', { name: 'Bram.markeer' })).toBeInTheDocument();

    expect(await segmentsByCoder(s.db, s.projectGuid)).toEqual(['Bram: Ik was boos.', 'Bram: dat hij niet online kwam', 'Chris: Ik zag dat hij']);
    const data = await readProjectData(s.db, s.projectGuid);
    expect(data?.codings.filter((c) => c.codeGuid === s.frustratie)).toHaveLength(1);
    expect(history.peekUndo()?.label).toBe('history.merge');

    await s.user.click(within(report).getByRole('button', { name: 'Close' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('adds a code matched by name as a new code when the lead unticks it, using only the keyboard', async () => {
    const s = await setUp();
    await s.user.upload(within(s.dialog).getByLabelText('Choose bundles…'), [s.bram]);
    const dialog = await screen.findByRole('dialog', { name: 'Check before merging' });
    const sameCode = within(dialog).getByRole('checkbox', { name: 'Treat “frustratie” as the same code as “Frustratie”' });
    // The plan screen moves the focus to its heading after it appears (on a busy machine, after
    // the checkbox was focused): wait for that first, as a keyboard user would.
    await waitFor(() => expect(within(dialog).getByRole('heading', { name: 'Check before merging' })).toHaveFocus());
    sameCode.focus();
    await s.user.keyboard(' ');
    expect(sameCode).not.toBeChecked();
    within(dialog).getByRole('button', { name: 'Merge' }).focus();
    await s.user.keyboard('{Enter}');
    await screen.findByRole('dialog', { name: 'Merged' });

    const data = await readProjectData(s.db, s.projectGuid);
    expect(data?.codes.filter((c) => c.name.toLowerCase() === 'frustratie')).toHaveLength(2);
    expect(data?.codings.filter((c) => c.codeGuid === s.frustratie)).toHaveLength(0);
  });

  it('merges a coder’s .qdpx from another tool, matching the document by text, and shows its import report', async () => {
    const s = await setUp();
    // Dana codes the same transcript in another tool: her own project, with another document GUID.
    const dana = await projectWithDocument(`[${TEXT}]`, null);
    assert((await addDocuments(dana.projectGuid, [{ name: 'Other interview', text: 'Something else entirely.' }], { db: dana.db, firstOrder: 1 })).ok, 'added');
    const code = await must(addCode(dana.projectGuid, { name: 'Frustratie', parentGuid: null }, dana.db));
    await must(applyCode({ ...dana, ...range('Ik was boos.'), codeGuid: code }, dana.db));
    const data = await readProjectData(dana.db, dana.projectGuid);
    if (!data) throw new Error('no project');
    const renamed = { ...data, coders: data.coders.map((c) => ({ ...c, name: 'Dana' })) };
    const qdpx = await exportQdpx(renamed, { positions: 'utf16' });
    const file = new File([qdpx.bytes as Uint8Array<ArrayBuffer>], 'Dana.qdpx');

    await s.user.upload(within(s.dialog).getByLabelText('Choose bundles…'), [file]);
    const dialog = await screen.findByRole('dialog', { name: 'Check before merging' });
    const plan = within(dialog).getByRole('region', { name: 'Dana.qdpx' });
    expect(plan).toHaveTextContent('A REFI-QDA project from another program.');
    expect(within(plan).getByText('“Doc” recognised by its text, as “Doc”')).toBeInTheDocument();
    expect(within(plan).getByText('“Other interview” is new and will be added')).toBeInTheDocument();
    expect(within(plan).getByText('Dana (new coder)')).toBeInTheDocument();
    expect(within(plan).getByRole('checkbox', { name: 'Treat “Frustratie” as the same code as “Frustratie”' })).toBeChecked();
    expect(within(plan).getByText('What was not imported from this file')).toBeInTheDocument();
    expect(within(plan).getByRole('heading', { name: 'Positions per document' })).toBeInTheDocument();
    expect(plan).toHaveTextContent('Everything in the file was imported.');

    await s.user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await screen.findByRole('dialog', { name: 'Merged' });
    expect(await segmentsByCoder(s.db, s.projectGuid)).toEqual(['Dana: Ik was boos.']);
    const merged = await readProjectData(s.db, s.projectGuid);
    expect(merged?.codings.map((c) => c.codeGuid)).toEqual([s.frustratie]);
    expect(merged?.documents).toHaveLength(2);
  });

  it('names a .qdpx that cannot be read and leaves it out', async () => {
    const s = await setUp();
    await s.user.upload(within(s.dialog).getByLabelText('Choose bundles…'), [new File(['hallo'], 'kapot.qdpx'), s.chris]);
    const dialog = await screen.findByRole('dialog', { name: 'Check before merging' });
    expect(within(dialog).getByRole('region', { name: 'kapot.qdpx' })).toHaveTextContent('This file is left out: This .qdpx file is not a REFI-QDA project');
  });

  it('names a file that is not a bundle, leaves it out and merges the others', async () => {
    const s = await setUp();
    await s.user.upload(within(s.dialog).getByLabelText('Choose bundles…'), [new File(['hallo'], 'notities.markeer'), s.chris]);
    const dialog = await screen.findByRole('dialog', { name: 'Check before merging' });
    expect(within(dialog).getByRole('region', { name: 'notities.markeer' })).toHaveTextContent('This file is left out: This file is not a Markeer bundle');
    await s.user.click(within(dialog).getByRole('button', { name: 'Merge' }));
    await screen.findByRole('dialog', { name: 'Merged' });
    expect(await segmentsByCoder(s.db, s.projectGuid)).toEqual(['Chris: Ik zag dat hij']);
  });
});

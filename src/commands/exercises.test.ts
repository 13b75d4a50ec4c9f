import { exerciseResults, hiddenCoderGuid, withoutHidden } from '../domain/exercise';
import { createCoder } from '../domain/factories';
import type { Guid } from '../domain/model';
import { parseBundle } from '../io/bundle';
import type { MarkeerDb } from '../storage/db';
import { readProjectData } from '../storage/project-data';
import { exportBundle, importBundle } from './bundles';
import { addCode } from './codes';
import { applyCode } from './coding';
import { addDocuments } from './documents';
import { exportExercise, requestFeedback, type ExportExerciseOptions } from './exercises';
import { addGroup } from './groups';
import { history } from './history';
import { createMemo } from './memos';
import { mergeBundles } from './merge';
import { CODE_SIGNALEN_INTERPRETEREN as INTERPRETEREN, CODE_SIGNALEN_OPMERKEN as OPMERKEN, freshDb, projectWithDocument } from './test-builders';

beforeEach(() => history.clear());

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string; detail?: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

const ONE = 'Ik zag dat hij niet online kwam. Toen belde ik de mentor. Die wist van niets.';
const TWO = 'De ouders hoorden het pas laat. Dat vonden ze jammer.';
const THREE = 'Een document dat niet in de oefening komt.';

const at = (text: string, phrase: string) => ({ start: text.indexOf(phrase), end: text.indexOf(phrase) + phrase.length });

/**
 * A teacher's project: three documents, the teacher (Anna, the project's own coder) coded two
 * passages of the first document and one of the third; a colleague (Bram) coded the first
 * document too and wrote a memo on his segment.
 */
async function teacherProject() {
  const f = await projectWithDocument(ONE);
  const [two, three] = await must(addDocuments(f.projectGuid, [{ name: 'Twee', text: TWO }, { name: 'Drie', text: THREE }], { db: f.db, firstOrder: 1 }));
  const bram = createCoder(f.projectGuid, 'Bram', '#2a9d8f');
  await f.db.coders.put(bram);
  const code = (coderGuid: Guid, documentGuid: Guid, text: string, phrase: string, codeGuid: Guid) =>
    must(applyCode({ projectGuid: f.projectGuid, documentGuid, coderGuid, codeGuid, ...at(text, phrase) }, f.db));
  await code(f.coderGuid, f.documentGuid, ONE, 'hij niet online kwam', OPMERKEN);
  await code(f.coderGuid, f.documentGuid, ONE, 'Toen belde ik de mentor.', INTERPRETEREN);
  await code(f.coderGuid, three as Guid, THREE, 'niet in de oefening', OPMERKEN);
  const bramSegment = await code(bram.guid, f.documentGuid, ONE, 'Die wist van niets.', OPMERKEN);
  await must(createMemo(f.projectGuid, { target: { kind: 'segment', guid: bramSegment }, authorGuid: bram.guid, title: '', text: 'Bram denkt', rich: null }, f.db));
  const group = await must(addGroup(f.projectGuid, { name: 'Eerste en derde', documentGuids: [f.documentGuid, three as Guid] }, f.db));
  history.clear();
  return { ...f, two: two as Guid, three: three as Guid, bram, group };
}

const OPTIONS = (f: { coderGuid: Guid; documentGuid: Guid; two: Guid }, more: Partial<ExportExerciseOptions> = {}): ExportExerciseOptions => ({
  documentGuids: [f.documentGuid, f.two],
  includeCodebook: true,
  referenceCoderGuid: f.coderGuid,
  instructions: 'Codeer elk signaal.',
  instructionsRich: null,
  feedback: 'end',
  threshold: 0.5,
  ...more,
});

/** The student's browser: the exercise imported under the student's name. */
async function studentWith(bytes: Uint8Array, name = 'Sanne') {
  const db = freshDb();
  const projectGuid = await must(importBundle(bytes, { db, coderName: name }));
  const data = await readProjectData(db, projectGuid);
  if (!data) throw new Error('not imported');
  return { db, projectGuid, data, student: data.project.ownerCoderGuid };
}

describe('exporting an exercise', () => {
  it('carries the chosen documents and only the reference coder’s work on them', async () => {
    const f = await teacherProject();
    const exported = await must(exportExercise(f.projectGuid, OPTIONS(f, { name: 'Oefening signalen' }), f.db));
    expect(exported.fileName).toMatch(/^oefening-signalen-oefening-\d{4}-\d{2}-\d{2}\.markeer$/);
    const parsed = await must(parseBundle(exported.bytes));
    const { manifest, data } = parsed;
    expect(manifest.kind).toBe('exercise');
    expect(data.project.guid).not.toBe(f.projectGuid);
    expect(data.project.name).toBe('Oefening signalen');
    expect(data.project.exercise).toEqual({ referenceCoderGuid: f.coderGuid, instructions: 'Codeer elk signaal.', instructionsRich: null, feedback: 'end', threshold: 0.5, openCoding: false });
    expect(data.coders.map((c) => c.name)).toEqual(['Anna']);
    expect(data.documents.map((d) => d.name).sort()).toEqual(['Doc', 'Twee']);
    expect(data.texts.map((t) => t.documentGuid).sort()).toEqual([f.documentGuid, f.two].sort());
    expect(data.segments.map((s) => s.text).sort()).toEqual(['Toen belde ik de mentor.', 'hij niet online kwam']);
    expect(data.segments.every((s) => s.coderGuid === f.coderGuid)).toBe(true);
    expect(data.codings.every((c) => c.coderGuid === f.coderGuid)).toBe(true);
    expect(data.codings).toHaveLength(2);
    expect(data.memos).toEqual([]);
    expect(data.attempts).toEqual([]);
    expect(data.groups.map((g) => g.documentGuids)).toEqual([[f.documentGuid]]);
    expect(data.codes.length).toBe((await f.db.codes.where('projectGuid').equals(f.projectGuid).count()));
    // The teacher's project is untouched.
    expect((await f.db.projects.get(f.projectGuid))?.exercise).toBeUndefined();
  });

  it('for open coding carries only the codes the reference applied, with their parents', async () => {
    const f = await teacherProject();
    const exported = await must(exportExercise(f.projectGuid, OPTIONS(f, { includeCodebook: false }), f.db));
    const { data } = await must(parseBundle(exported.bytes));
    expect(data.project.exercise?.openCoding).toBe(true);
    const names = data.codes.map((c) => c.guid);
    expect(names).toContain(OPMERKEN);
    expect(names).toContain(INTERPRETEREN);
    const parents = new Set(data.codes.map((c) => c.parentGuid).filter((g) => g !== null));
    for (const p of parents) expect(names).toContain(p);
    expect(data.codes.length).toBeLessThan(await f.db.codes.where('projectGuid').equals(f.projectGuid).count());
  });

  it('refuses an exercise without documents or with a threshold outside (0, 1]', async () => {
    const f = await teacherProject();
    expect(await exportExercise(f.projectGuid, OPTIONS(f, { documentGuids: [] }), f.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(await exportExercise(f.projectGuid, OPTIONS(f, { threshold: 0 }), f.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    expect(await exportExercise(f.projectGuid, OPTIONS(f, { referenceCoderGuid: crypto.randomUUID() }), f.db)).toMatchObject({ ok: false, reason: 'not-found' });
  });
});

describe('opening an exercise as a student', () => {
  it('asks for the student’s name, then makes the student a new coder and the project’s own', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f), f.db));
    const db = freshDb();
    expect(await importBundle(bytes, { db })).toMatchObject({ ok: false, reason: 'bundle-needs-coder', detail: 'exercise' });
    // Even under the reference's name the student is a coder of their own.
    const s = await studentWith(bytes, 'Anna');
    expect(s.student).not.toBe(f.coderGuid);
    expect(s.data.coders.map((c) => c.name).sort()).toEqual(['Anna', 'Anna']);
    expect(s.data.project.exercise?.referenceCoderGuid).toBe(f.coderGuid);
    expect(hiddenCoderGuid(s.data.project)).toBe(f.coderGuid);
  });

  it('recognises the same exercise imported twice', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f), f.db));
    const s = await studentWith(bytes);
    expect(await importBundle(bytes, { db: s.db, coderName: 'Sanne' })).toMatchObject({ ok: false, reason: 'bundle-already-imported' });
  });

  it('hides the reference’s coder, segments and codings from the student, but the student’s own bundle still carries them', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f), f.db));
    const s = await studentWith(bytes);
    const seen = withoutHidden(s.data);
    expect(seen.segments).toEqual([]);
    expect(seen.codings).toEqual([]);
    expect(seen.coders.map((c) => c.guid)).toEqual([s.student]);
    expect(seen.codes.length).toBe(s.data.codes.length);
    const full = await must(exportBundle(s.projectGuid, 'full', s.db));
    expect((await must(parseBundle(full.bytes))).data.segments).toHaveLength(2);
  });

  it('in open coding hides the reference’s codes and shows the codes the student makes', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f, { includeCodebook: false }), f.db));
    const s = await studentWith(bytes);
    expect(withoutHidden(s.data).codes).toEqual([]);
    await must(addCode(s.projectGuid, { name: 'Niet online', parentGuid: null }, s.db));
    const after = await readProjectData(s.db, s.projectGuid);
    expect(withoutHidden(after!).codes.map((c) => c.name)).toEqual(['Niet online']);
  });

  it('shows the teacher everything: the reference is not hidden from its own coder', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f), f.db));
    const { data } = await must(parseBundle(bytes));
    expect(hiddenCoderGuid(data.project)).toBeNull();
    expect(withoutHidden(data)).toBe(data);
  });
});

async function code(s: { db: MarkeerDb; projectGuid: Guid; student: Guid }, documentGuid: Guid, text: string, phrase: string, codeGuid: Guid) {
  return must(applyCode({ projectGuid: s.projectGuid, documentGuid, coderGuid: s.student, codeGuid, ...at(text, phrase) }, s.db));
}

describe('asking for feedback', () => {
  it('stores an attempt with the figures of the feedback, not undone by undo', async () => {
    const f = await teacherProject();
    const { bytes } = await must(exportExercise(f.projectGuid, OPTIONS(f), f.db));
    const s = await studentWith(bytes);
    // Found: most of the reference's "Signalen opmerken" passage; a confusion: the reference's
    // "Signalen interpreteren" passage coded as "Signalen opmerken"; nothing else.
    await code(s, f.documentGuid, ONE, 'niet online kwam', OPMERKEN);
    await code(s, f.documentGuid, ONE, 'Toen belde ik de mentor.', OPMERKEN);
    const { feedback, attempt } = await must(requestFeedback(s.projectGuid, s.student, [f.documentGuid, f.two], s.db));
    const opmerken = feedback.codes.find((c) => c.guid === OPMERKEN);
    const interpreteren = feedback.codes.find((c) => c.guid === INTERPRETEREN);
    expect(opmerken).toMatchObject({ reference: 1, student: 2, found: 1, extra: 1, recall: 1, precision: 0.5 });
    expect(interpreteren).toMatchObject({ reference: 1, student: 0, found: 0, recall: 0, precision: null });
    expect(interpreteren?.confusedWith).toEqual([{ codeGuid: OPMERKEN, count: 1 }]);
    expect(feedback.overall).toMatchObject({ reference: 2, student: 2, found: 1, extra: 1, recall: 0.5, precision: 0.5 });

    const stored = await s.db.attempts.where('projectGuid').equals(s.projectGuid).toArray();
    expect(stored).toEqual([attempt]);
    expect(attempt).toMatchObject({ coderGuid: s.student, documentGuids: [f.documentGuid, f.two], threshold: 0.5, overall: feedback.overall });
    expect(attempt.codes.find((c) => c.codeGuid === OPMERKEN)).toMatchObject({ found: 1, extra: 1, percentAgreement: opmerken?.percentAgreement, cohenKappa: opmerken?.cohenKappa });
    expect(history.peekUndo()?.label).toBe('history.applyCode');
    await history.undo();
    expect(await s.db.attempts.where('projectGuid').equals(s.projectGuid).count()).toBe(1);
  });

  it('gives feedback once at the end on all documents, or per document on one', async () => {
    const f = await teacherProject();
    const end = await studentWith((await must(exportExercise(f.projectGuid, OPTIONS(f), f.db))).bytes);
    expect(await requestFeedback(end.projectGuid, end.student, [f.documentGuid], end.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    const per = await studentWith((await must(exportExercise(f.projectGuid, OPTIONS(f, { feedback: 'per-document' }), f.db))).bytes);
    expect(await requestFeedback(per.projectGuid, per.student, [f.documentGuid, f.two], per.db)).toMatchObject({ ok: false, reason: 'invalid-value' });
    const one = await must(requestFeedback(per.projectGuid, per.student, [f.two], per.db));
    // The second document has no reference passages: nothing to find, nothing extra.
    expect(one.feedback.overall).toMatchObject({ reference: 0, student: 0, recall: null, precision: null });
    expect(await requestFeedback(per.projectGuid, f.coderGuid, [f.two], per.db)).toMatchObject({ ok: false, reason: 'not-found' });
  });

  it('in open coding counts a student’s code named like the reference’s as that code', async () => {
    const f = await teacherProject();
    const s = await studentWith((await must(exportExercise(f.projectGuid, OPTIONS(f, { includeCodebook: false }), f.db))).bytes);
    const name = s.data.codes.find((c) => c.guid === OPMERKEN)?.name ?? '';
    const own = await must(addCode(s.projectGuid, { name: ` ${name.toUpperCase()} `, parentGuid: null }, s.db));
    await code(s, f.documentGuid, ONE, 'hij niet online kwam', own);
    const { feedback } = await must(requestFeedback(s.projectGuid, s.student, [f.documentGuid, f.two], s.db));
    expect(feedback.codes.find((c) => c.guid === OPMERKEN)).toMatchObject({ found: 1, student: 1, extra: 0 });
  });
});

describe('the teacher collects the students’ work', () => {
  it('merges a student’s bundle into the teacher’s project and lists every attempt', async () => {
    const f = await teacherProject();
    const s = await studentWith((await must(exportExercise(f.projectGuid, OPTIONS(f), f.db))).bytes);
    await code(s, f.documentGuid, ONE, 'niet online kwam', OPMERKEN);
    await must(requestFeedback(s.projectGuid, s.student, [f.documentGuid, f.two], s.db));
    await code(s, f.documentGuid, ONE, 'Toen belde ik de mentor.', INTERPRETEREN);
    await must(requestFeedback(s.projectGuid, s.student, [f.documentGuid, f.two], s.db));
    const back = await must(exportBundle(s.projectGuid, 'full', s.db));
    const { data: incoming } = await must(parseBundle(back.bytes));
    const outcome = await must(mergeBundles(f.projectGuid, [incoming], new Set(), f.db));
    // The reference's own passages are recognised, not doubled.
    expect(outcome.total.added.segments).toBe(2);
    expect(outcome.total.added.attempts).toBe(2);
    const teacher = await readProjectData(f.db, f.projectGuid);
    const rows = exerciseResults(teacher!);
    expect(rows.map((r) => r.coder.name)).toEqual(['Sanne']);
    expect(rows[0]?.attempts.map((a) => a.overall.recall)).toEqual([0.5, 1]);
  });
});

/**
 * A Markeer project with one of every kind of thing a `.qdpx` export carries, to see what
 * QualCoder's importer takes from it (scripts/qualcoder/README.md).
 *
 *   npx tsx scripts/qualcoder/make-sample.ts [OUT_DIR]
 *
 * Writes OUT_DIR/markeer-sample.markeer (the bundle) and OUT_DIR/markeer-sample.qdpx (the REFI-QDA
 * export, positions in code points). Default OUT_DIR: src/io/refi/fixtures/qualcoder. GUIDs and
 * times are fixed, so that the same code writes the same files.
 *
 * What is in it: 2 documents (one with a character outside the BMP before its segments), 2 coders;
 * codes "Context" (a grouping, never applied) > "Kind" and "Reaction" (applied) > "Kind" - two codes
 * named "Kind" - plus "Emotion" with a definition; segments by both coders, one with two codes, one
 * with a comment, one without codes but with a comment; memos on the project, a document, a code
 * and a segment; variables of type text, number (whole and 3.5), date and boolean; a document group
 * with a description; a theme (a set of codes).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createCode, createCoder, createCoding, createDocument, createGroup, createMemo, createProject, createSegment } from '../../src/domain/factories';
import type { Code, Coding, DocumentRecord, DocumentText, Guid, MemoTargetKind, Segment } from '../../src/domain/model';
import type { ProjectData } from '../../src/domain/project-data';
import { sha256Hex } from '../../src/domain/text';
import { newTheme } from '../../src/domain/themes';
import { detectTurns } from '../../src/domain/turns';
import { createVariableDefinition } from '../../src/domain/variables';
import { serializeBundle } from '../../src/io/bundle';
import { exportQdpx } from '../../src/io/refi';

const T = '2026-01-15T10:00:00.000Z';
/** Fixed GUIDs: 0000000n-0000-4000-8000-00000000000n style, one per record. */
let counter = 0;
const guid = (): Guid => {
  counter += 1;
  const n = counter.toString(16).padStart(12, '0');
  return `${n.slice(4)}-0000-4000-8000-${n}`;
};

const outDir = resolve(process.argv[2] ?? join(import.meta.dirname, '../../src/io/refi/fixtures/qualcoder'));

const anna = createCoder('', 'Anna de Vries', '#1d4e89', guid());
const bram = createCoder('', 'Bram Jansen', '#b5179e', guid());
const project = { ...createProject({ name: 'QualCoder round trip', ownerCoderGuid: anna.guid, template: null }), guid: guid(), createdAt: T, updatedAt: T };
const p = project.guid;
const coders = [anna, bram].map((c) => ({ ...c, projectGuid: p }));

const text1 = [
  'I: How did the first week at school go?',
  'R: It was fine 😀, but the timetable was confusing. I felt lost on Monday.',
  'I: What helped you?',
  'R: My mentor explained everything. That was kind of her.',
].join('\n');
const text2 = ['I: And for you, as a teacher?', 'T: Busy. New pupils always need time, and the rooms changed twice.'].join('\n');

const texts: DocumentText[] = [];
const documents: DocumentRecord[] = [];
for (const [i, [name, text, variables]] of (
  [
    ['Interview pupil', text1, { Role: 'pupil', Age: '12', Score: '3.5', 'Interview date': '2025-09-08', Consent: 'true' }],
    ['Interview teacher', text2, { Role: 'teacher', Age: '41', Score: '7', 'Interview date': '2025-09-10', Consent: 'false' }],
  ] as const
).entries()) {
  const d: DocumentRecord = {
    ...createDocument({ projectGuid: p, name, length: text.length, sha256: await sha256Hex(text), order: i, source: `${name}.txt` }),
    guid: guid(),
    createdAt: T,
    updatedAt: T,
    variables,
  };
  documents.push(d);
  texts.push({ documentGuid: d.guid, projectGuid: p, text, turns: detectTurns(text) });
}
const [doc1, doc2] = documents as [DocumentRecord, DocumentRecord];

const code = (name: string, parentGuid: Guid | null, order: number, color: string, definition = ''): Code => ({
  ...createCode({ projectGuid: p, parentGuid, name, color, order, definition }),
  guid: guid(),
});
const context = code('Context', null, 0, '#2a9d8f', 'Where and when something happens.');
const kindA = code('Kind', context.guid, 0, '#e76f51', 'Kind of context: school, home.');
const reaction = code('Reaction', null, 1, '#6a4c93', 'How someone responds.');
const kindB = code('Kind', reaction.guid, 0, '#588157', 'Kind of reaction: calm, upset.');
const emotion = code('Emotion', null, 2, '#bc6c25', 'A feeling named or shown.');
const codes = [context, kindA, reaction, kindB, emotion];

const segments: Segment[] = [];
const codings: Coding[] = [];
const segment = (doc: DocumentRecord, text: string, quote: string, coderGuid: Guid, codeGuids: Guid[], comment = ''): Segment => {
  const start = text.indexOf(quote);
  if (start < 0) throw new Error(`"${quote}" not in ${doc.name}`);
  const s: Segment = { ...createSegment({ projectGuid: p, documentGuid: doc.guid, coderGuid, text, start, end: start + quote.length }), guid: guid(), createdAt: T, comment };
  segments.push(s);
  for (const c of codeGuids) codings.push({ ...createCoding(s, c), guid: guid(), createdAt: T });
  return s;
};
// After the emoji: code points and UTF-16 units differ by one from here on.
segment(doc1, text1, 'the timetable was confusing', anna.guid, [kindA.guid, emotion.guid]);
segment(doc1, text1, 'the timetable was confusing', bram.guid, [kindA.guid]);
const felt = segment(doc1, text1, 'I felt lost on Monday.', anna.guid, [kindB.guid, emotion.guid], 'Lost: the building or the schedule?');
const mentor = segment(doc1, text1, 'My mentor explained everything.', bram.guid, [reaction.guid]);
segment(doc2, text2, 'the rooms changed twice', bram.guid, [kindA.guid], 'Teacher sees the same problem.');
segment(doc2, text2, 'New pupils always need time', anna.guid, [], 'Comment on a passage without codes.');

const memo = (targetKind: MemoTargetKind, targetGuid: Guid | null, title: string, text: string, authorGuid = anna.guid) => ({
  ...createMemo({ projectGuid: p, authorGuid, targetKind, targetGuid, title, text }),
  guid: guid(),
  createdAt: T,
  updatedAt: T,
});
const memos = [
  memo('project', null, 'Project memo', 'Round trip test of Markeer to QualCoder.\nSecond line.'),
  memo('document', doc1.guid, 'About the pupil', 'Interview held in the library.'),
  memo('code', emotion.guid, 'Emotion memo', 'Only code explicit feelings.'),
  memo('segment', felt.guid, 'Segment memo', 'Compare with the teacher interview.', bram.guid),
  memo('segment', mentor.guid, '', 'Untitled memo on the mentor segment.', bram.guid),
];

const variables = [
  createVariableDefinition({ projectGuid: p, name: 'Role', type: 'text', order: 0, guid: guid() }),
  createVariableDefinition({ projectGuid: p, name: 'Age', type: 'number', order: 1, guid: guid() }),
  createVariableDefinition({ projectGuid: p, name: 'Score', type: 'number', order: 2, guid: guid() }),
  createVariableDefinition({ projectGuid: p, name: 'Interview date', type: 'date', order: 3, guid: guid() }),
  createVariableDefinition({ projectGuid: p, name: 'Consent', type: 'boolean', order: 4, guid: guid() }),
];

const groups = [{ ...createGroup({ projectGuid: p, name: 'First week', order: 0, description: 'Interviews about the first school week.', documentGuids: [doc1.guid, doc2.guid] }), guid: guid() }];
const themes = [{ ...newTheme({ projectGuid: p, name: 'Finding your way', color: '#3a86ff', order: 0, guid: guid() }), definition: 'Getting to know school.', codeGuids: [kindA.guid, emotion.guid] }];

const data: ProjectData = { project, coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts: [] };

await mkdir(outDir, { recursive: true });
const bundle = await serializeBundle(data, { kind: 'full', appVersion: 'make-sample', exportedBy: { guid: anna.guid, name: anna.name }, exportedAt: T });
await writeFile(join(outDir, 'markeer-sample.markeer'), bundle);
const { bytes, lost } = await exportQdpx(data, { positions: 'codepoints', now: T });
await writeFile(join(outDir, 'markeer-sample.qdpx'), bytes);
process.stdout.write(`${join(outDir, 'markeer-sample.markeer')}\n${join(outDir, 'markeer-sample.qdpx')}\n`);
if (lost.length > 0) process.stderr.write(`Markeer says the .qdpx cannot carry: ${lost.join('; ')}\n`);

// @vitest-environment node
/**
 * The QualCoder fixtures (fixtures/qualcoder/, made by scripts/qualcoder/make-fixtures.sh with
 * QualCoder's own refi.py): Markeer's sample export, and two QualCoder exports of the project
 * QualCoder imported from it. What QualCoder wrote is read from the files themselves, so that the
 * tests hold when the fixtures are made again.
 */
import { readContainer } from './container';
import type { RefiImport } from './types';
import { attr, child, childrenNamed, type XmlElement } from './xml';
import { fixture, imported } from './test-support';

const qualcoderFile = (name: string): Uint8Array => fixture(`qualcoder/${name}`);

async function rootOf(name: string): Promise<{ root: XmlElement; files: Map<string, string> }> {
  const read = await readContainer(name, qualcoderFile(name));
  if (!read.ok) throw new Error(read.reason);
  const files = new Map([...read.value.files].map(([k, f]) => [k, new TextDecoder().decode(f.bytes).replace(/^\ufeff/, '')]));
  return { root: read.value.root, files };
}

/** The text of a source as QualCoder counts it: code points of its file. */
function sourceTexts(root: XmlElement, files: Map<string, string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const s of childrenNamed(child(root, 'Sources')!, 'TextSource')) {
    const path = attr(s, 'plainTextPath')!.replace('internal://', 'sources/').toLowerCase();
    out.set(attr(s, 'guid')!, [...(files.get(path) ?? '')]);
  }
  return out;
}

const segmentText = (data: RefiImport['data'], guid: string | null) => data.segments.find((s) => s.guid === guid)?.text;

describe.each(['qualcoder-export-1.qdpx', 'qualcoder-export-2.qdpx'])('importing QualCoder’s own export %s', (name) => {
  it('imports every text, code, coding and user, and reports nothing lost', async () => {
    const { root } = await rootOf(name);
    const { data, report } = await imported(name, qualcoderFile(name));
    expect(report.discarded).toEqual([]);
    expect(data.documents.map((d) => d.name).sort()).toEqual(childrenNamed(child(root, 'Sources')!, 'TextSource').map((s) => attr(s, 'name')).sort());
    expect(data.coders.map((c) => c.name).sort()).toEqual(childrenNamed(child(root, 'Users')!, 'User').map((u) => attr(u, 'name')).sort());
    expect(data.codings.length).toBeGreaterThan(0);
    expect(data.coders.map((c) => c.name)).not.toContain('Unknown');
  });

  it('keeps the range of every annotation: each arrives as a memo on a segment over the text it covers', async () => {
    const { root, files } = await rootOf(name);
    const texts = sourceTexts(root, files);
    const annotations = childrenNamed(child(root, 'Notes')!, 'Note').flatMap((n) => {
      const inner = child(n, 'PlainTextSelection');
      if (!inner) return [];
      const [start, end] = [Number(attr(inner, 'startPosition')), Number(attr(inner, 'endPosition'))];
      // The annotation covers the same text in whichever source it belongs to; the tests' sources differ there.
      const covered = [...texts.values()].map((cps) => cps.slice(start, end).join('')).filter((t) => t.length === end - start);
      return [{ text: child(n, 'PlainTextContent')!.text, covered }];
    });
    expect(annotations.length).toBeGreaterThan(1);
    const { data } = await imported(name, qualcoderFile(name));
    for (const a of annotations) {
      const memo = data.memos.find((m) => m.text === a.text);
      expect(memo?.targetKind).toBe('segment');
      expect(a.covered).toContain(segmentText(data, memo!.targetGuid ?? null));
    }
  });

  it('brings the project’s Description, each source’s Description and each coding memo along', async () => {
    const { root } = await rootOf(name);
    const { data } = await imported(name, qualcoderFile(name));
    const projectMemo = child(root, 'Description')?.text.trim() ?? '';
    if (projectMemo !== '') expect(data.memos).toContainEqual(expect.objectContaining({ targetKind: 'project', targetGuid: null, text: projectMemo }));
    for (const s of childrenNamed(child(root, 'Sources')!, 'TextSource')) {
      const memo = child(s, 'Description')?.text.trim();
      const document = data.documents.find((d) => d.name === attr(s, 'name'))!;
      if (memo) expect(data.memos).toContainEqual(expect.objectContaining({ targetKind: 'document', targetGuid: document.guid, text: memo }));
      for (const sel of childrenNamed(s, 'PlainTextSelection')) {
        const comment = child(sel, 'Description')?.text;
        if (comment) expect(data.segments.filter((x) => x.documentGuid === document.guid && x.text === attr(sel, 'name')).map((x) => x.comment)).toContain(comment);
      }
    }
  });
});

describe('QualCoder’s exports and Markeer’s sample', () => {
  it('two QualCoder exports of one project, with different GUIDs, import to the same segments and memos', async () => {
    const shape = (data: RefiImport['data']) => ({
      segments: data.segments.map((s) => `${data.documents.find((d) => d.guid === s.documentGuid)?.name} ${s.start}-${s.end} ${s.comment}`).sort(),
      memos: data.memos.map((m) => `${m.targetKind} ${m.title} ${m.text} ${m.targetKind === 'segment' ? segmentText(data, m.targetGuid) : ''}`).sort(),
    });
    const one = await imported('qualcoder-export-1.qdpx', qualcoderFile('qualcoder-export-1.qdpx'));
    const two = await imported('qualcoder-export-2.qdpx', qualcoderFile('qualcoder-export-2.qdpx'));
    expect(shape(two.data)).toEqual(shape(one.data));
  });

  it('reads Markeer’s sample export back with its comments and memos where they were', async () => {
    const { data, report } = await imported('markeer-sample.qdpx', qualcoderFile('markeer-sample.qdpx'));
    expect(report.discarded).toEqual([]);
    expect(data.segments.filter((s) => s.comment !== '').map((s) => s.comment).sort()).toEqual([
      'Comment on a passage without codes.',
      'Lost: the building or the schedule?',
      'Teacher sees the same problem.',
    ]);
    expect(data.memos.map((m) => [m.targetKind, m.title, m.targetKind === 'segment' ? segmentText(data, m.targetGuid) : '']).sort()).toEqual([
      ['code', 'Emotion memo', ''],
      ['document', 'About the pupil', ''],
      ['project', 'Project memo', ''],
      ['segment', '', 'My mentor explained everything.'],
      ['segment', 'Segment memo', 'I felt lost on Monday.'],
    ]);
  });
});

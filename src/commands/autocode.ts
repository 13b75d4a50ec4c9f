import { createCoding, createSegment } from '../domain/factories';
import type { Coding, DocumentText, Guid, Segment } from '../domain/model';
import { normalizeSelection } from '../domain/ranges';
import type { MarkeerDb } from '../storage/db';
import { CommandAbort, runWrite } from './run';

export interface AutocodeInput {
  readonly projectGuid: Guid;
  readonly coderGuid: Guid;
  readonly codeGuid: Guid;
  /** UTF-16 code units of each document's stored text, half-open; whitespace at the ends is trimmed. */
  readonly ranges: readonly { readonly documentGuid: Guid; readonly start: number; readonly end: number }[];
}

export interface AutocodeCounts {
  /** New segments (each with the code). */
  readonly segmentsAdded: number;
  /** New codings: on the new segments and on the coder's existing segments of the same range. */
  readonly codingsAdded: number;
  /** Ranges the coder had already coded with this code: left as they were. */
  readonly alreadyCoded: number;
}

/**
 * Applies one code to many ranges at once (search hits, a speaker's turns) as ONE undoable step,
 * with applyCode's rules: a range is trimmed of whitespace at its ends; the coder's segment with
 * exactly that range gets the coding, otherwise a new segment (with a copy of its text) is made;
 * a segment never gets the same code twice. The same range given twice counts once.
 *
 * Every range is checked first: a range outside its text, or covering only whitespace, refuses
 * the whole step with a detail naming the document and the range, and nothing is written.
 */
export async function autocode(input: AutocodeInput, db?: MarkeerDb) {
  const { projectGuid, coderGuid, codeGuid } = input;
  return runWrite({ db, projectGuid, undoLabel: 'history.autocode' }, async (rec) => {
    const documentGuids = [...new Set(input.ranges.map((r) => r.documentGuid))];
    const [code, texts, coded] = await Promise.all([
      rec.db.codes.get([projectGuid, codeGuid]),
      rec.db.documentTexts.bulkGet(documentGuids.map((d) => [projectGuid, d] as [string, string])),
      // The code's codings: which segments have it already. One read for the whole step.
      rec.db.codings.where('[projectGuid+codeGuid]').equals([projectGuid, codeGuid]).toArray(),
    ]);
    if (!code) throw new CommandAbort('not-found', codeGuid);
    const textOf = new Map<Guid, DocumentText>();
    for (const [i, stored] of texts.entries()) {
      if (!stored) throw new CommandAbort('not-found', documentGuids[i]);
      textOf.set(stored.documentGuid, stored);
    }

    // Checked and trimmed before anything is written; duplicates (after trimming) dropped.
    const wanted = new Map<string, { documentGuid: Guid; start: number; end: number }>();
    for (const r of input.ranges) {
      const text = textOf.get(r.documentGuid)!.text;
      if (!Number.isInteger(r.start) || !Number.isInteger(r.end) || r.start < 0 || r.end > text.length || r.start >= r.end) {
        throw new CommandAbort('invalid-range', `${r.documentGuid} ${r.start}–${r.end} (0–${text.length})`);
      }
      const range = normalizeSelection(text, r.start, r.end);
      if (!range) throw new CommandAbort('empty-selection', `${r.documentGuid} ${r.start}–${r.end}`);
      wanted.set(`${r.documentGuid} ${range.start} ${range.end}`, { documentGuid: r.documentGuid, ...range });
    }

    // The coder's existing segments in these documents, by range.
    const existing = new Map<string, Segment>();
    const segmentLists = await Promise.all(documentGuids.map((d) => rec.db.segments.where('[projectGuid+documentGuid]').equals([projectGuid, d]).toArray()));
    for (const s of segmentLists.flat()) {
      if (s.coderGuid === coderGuid) existing.set(`${s.documentGuid} ${s.start} ${s.end}`, s);
    }
    const hasCode = new Set(coded.map((c) => c.segmentGuid));

    const segments: Segment[] = [];
    const codings: Coding[] = [];
    let alreadyCoded = 0;
    for (const [key, range] of wanted) {
      const segment = existing.get(key);
      if (segment && hasCode.has(segment.guid)) {
        alreadyCoded++;
      } else if (segment) {
        codings.push(createCoding(segment, codeGuid, coderGuid));
      } else {
        const fresh = createSegment({ projectGuid, coderGuid, ...range, text: textOf.get(range.documentGuid)!.text });
        segments.push(fresh);
        codings.push(createCoding(fresh, codeGuid, coderGuid));
      }
    }
    // Issued together: IndexedDB runs them in order within the transaction without a round trip each.
    await Promise.all([...segments.map((s) => rec.add('segments', s)), ...codings.map((c) => rec.add('codings', c))]);
    return { segmentsAdded: segments.length, codingsAdded: codings.length, alreadyCoded } satisfies AutocodeCounts;
  });
}

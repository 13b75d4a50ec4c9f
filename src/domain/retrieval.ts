import { contextAround } from './ranges';
import type { Code, Coder, Coding, DocumentRecord, DocumentText, Guid, Segment } from './model';
import { applySpeakerMap } from './turns';

export interface RetrievedSegment {
  readonly segmentGuid: Guid;
  readonly documentGuid: Guid;
  readonly documentName: string;
  readonly start: number;
  readonly end: number;
  readonly speaker: string | null;
  readonly coderName: string;
  readonly before: string;
  readonly match: string;
  readonly after: string;
  /** Names of the segment's codes that are in the retrieved set. */
  readonly codeNames: readonly string[];
}

/**
 * The segments coded with any of `codeGuids` (a code with its descendants), in document order
 * then text order, each with its speaker, coder and a little context.
 */
export function retrieveSegments(input: {
  codeGuids: ReadonlySet<Guid>;
  codings: readonly Coding[];
  segments: readonly Segment[];
  docs: readonly DocumentRecord[];
  texts: readonly DocumentText[];
  coders: readonly Coder[];
  codes: readonly Code[];
}): RetrievedSegment[] {
  const docs = new Map(input.docs.map((d) => [d.guid, d]));
  const texts = new Map(input.texts.map((t) => [t.documentGuid, t]));
  const coders = new Map(input.coders.map((c) => [c.guid, c.name]));
  const codeNames = new Map(input.codes.map((c) => [c.guid, c.name]));
  const codesOf = new Map<Guid, string[]>();
  for (const c of input.codings) {
    if (!input.codeGuids.has(c.codeGuid)) continue;
    const list = codesOf.get(c.segmentGuid) ?? [];
    list.push(codeNames.get(c.codeGuid) ?? '');
    codesOf.set(c.segmentGuid, list);
  }
  const turnsOf = new Map<Guid, ReturnType<typeof applySpeakerMap>>();
  const rows: RetrievedSegment[] = [];
  for (const s of input.segments) {
    const names = codesOf.get(s.guid);
    const doc = docs.get(s.documentGuid);
    if (!names || !doc) continue;
    const stored = texts.get(s.documentGuid);
    let turns = turnsOf.get(s.documentGuid);
    if (!turns && stored) {
      turns = applySpeakerMap(stored.turns, doc.speakerMap);
      turnsOf.set(s.documentGuid, turns);
    }
    const ctx = stored ? contextAround(stored.text, s.start, s.end, 60) : { before: '', match: s.text, after: '' };
    rows.push({
      segmentGuid: s.guid,
      documentGuid: s.documentGuid,
      documentName: doc.name,
      start: s.start,
      end: s.end,
      speaker: turns?.find((t) => t.start <= s.start && s.start < t.end)?.speaker ?? null,
      coderName: coders.get(s.coderGuid) ?? '?',
      before: ctx.before,
      match: ctx.match,
      after: ctx.after,
      codeNames: names,
    });
  }
  const order = new Map(input.docs.map((d) => [d.guid, d.order]));
  return rows.sort((a, b) => (order.get(a.documentGuid) ?? 0) - (order.get(b.documentGuid) ?? 0) || a.start - b.start || a.end - b.end);
}

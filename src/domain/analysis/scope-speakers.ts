/**
 * Autocoding by speaker: every turn of one speaker, across documents.
 *
 * Speakers are named as the user mapped them (applySpeakerMap): labels mapped to one name are one
 * speaker, dropped labels are none. Offsets are UTF-16 code units, half-open.
 */
import type { Guid } from '../model';
import { turnRange, type DocumentRange, type ScopeDocument } from './scope';

export interface SpeakerCount {
  readonly name: string;
  readonly turns: number;
  /** The number of documents in which the speaker has a turn. */
  readonly documents: number;
}

/** Every speaker of `docs` with their turns and documents, in order of first appearance. */
export function speakerCounts(docs: Iterable<ScopeDocument>): SpeakerCount[] {
  const counts = new Map<string, { turns: number; documents: Set<Guid> }>();
  for (const doc of docs) {
    for (const turn of doc.turns) {
      let c = counts.get(turn.speaker);
      if (!c) counts.set(turn.speaker, (c = { turns: 0, documents: new Set() }));
      c.turns++;
      c.documents.add(doc.documentGuid);
    }
  }
  return [...counts].map(([name, c]) => ({ name, turns: c.turns, documents: c.documents.size }));
}

/**
 * The ranges of every turn of `speaker` in `docs`: by default the text after the label
 * ("Ouder: " left out), or with `includeLabel` the whole turn from its timestamp or label on.
 */
export function speakerTurnRanges(docs: Iterable<ScopeDocument>, speaker: string, options: { includeLabel?: boolean } = {}): DocumentRange[] {
  const result: DocumentRange[] = [];
  for (const doc of docs) {
    for (const turn of doc.turns) {
      if (turn.speaker !== speaker) continue;
      const range = turnRange(doc.text, turn, options.includeLabel);
      if (range) result.push({ documentGuid: doc.documentGuid, start: range.start, end: range.end });
    }
  }
  return result;
}

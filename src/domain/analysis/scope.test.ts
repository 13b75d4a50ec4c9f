import fc from 'fast-check';
import { detectTurns } from '../turns';
import { expandHit, scopeDocument, scopeRanges, type HitScope, type ScopeDocument } from './scope';
import { speakerCounts, speakerTurnRanges } from './scope-speakers';
import { searchDocuments } from './search';

const TEXT = [
  'Datum: 14 januari 2021',
  '',
  'Interviewer: Hoe ging het thuisonderwijs? Had iedereen een laptop?',
  '',
  'Ouder: Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!',
  'Later kregen we er een van school.',
  '',
  'Interviewer: Dank u. Nog iets over de laptop?',
  '',
  'Ouder: Nee, dat was het.',
].join('\n');

function doc(text = TEXT, speakerMap: Record<string, string | null> = {}): ScopeDocument {
  return scopeDocument({ guid: 'd', speakerMap }, { text, turns: detectTurns(text) });
}

/** The text each hit of `query` gives under `scope`. */
function scoped(d: ScopeDocument, query: string, scope: HitScope, includeLabel = false): string[] {
  const r = searchDocuments([{ documentGuid: d.documentGuid, text: d.text }], query, { mode: 'plain' });
  if (!r.ok) throw new Error(r.detail);
  return scopeRanges(new Map([[d.documentGuid, d]]), r.hits, scope, { includeLabel }).ranges.map((x) => d.text.slice(x.start, x.end));
}

describe('expanding search hits', () => {
  it('codes just the hit', () => {
    expect(scoped(doc(), 'laptop', 'hit')).toEqual(['laptop', 'laptop', 'laptop', 'laptop']);
  });

  it('codes the sentence around each hit, one segment for two hits in one sentence', () => {
    expect(scoped(doc(), 'laptop', 'sentence')).toEqual(['Had iedereen een laptop?', 'Mijn zoon had geen laptop.', 'Hij deelde de laptop van zijn zus!', 'Nog iets over de laptop?']);
    expect(scoped(doc(), 'de', 'sentence')).toContain('Hij deelde de laptop van zijn zus!');
    expect(scoped(doc(), 'de', 'sentence').filter((s) => s.startsWith('Hij deelde'))).toHaveLength(1);
  });

  it('never lets a sentence run into the next paragraph', () => {
    const d = doc('Een zin zonder punt\nDe volgende regel gaat door');
    expect(scoped(d, 'punt', 'sentence')).toEqual(['Een zin zonder punt']);
  });

  it('codes the paragraph, once for several hits in it, without the speaker label unless asked', () => {
    expect(scoped(doc(), 'laptop', 'paragraph')).toEqual([
      'Hoe ging het thuisonderwijs? Had iedereen een laptop?',
      'Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!',
      'Dank u. Nog iets over de laptop?',
    ]);
    expect(scoped(doc(), 'laptop', 'paragraph', true)[1]).toBe('Ouder: Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!');
  });

  it('leaves a timestamp and speaker label out of the first sentence of a turn', () => {
    const text = '[00:02:44] Z: We gaven laptops uit. Dat hielp.\n[00:03:10] Z: Ja.';
    expect(scoped(doc(text), 'laptops', 'sentence')).toEqual(['We gaven laptops uit.']);
    expect(scoped(doc(text), 'Z', 'sentence')).toEqual(['Z: We gaven laptops uit.', 'Z: Ja.']);
  });

  it('codes the speaker turn without its label, across its paragraphs', () => {
    expect(scoped(doc(), 'school', 'turn')).toEqual(['Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!\nLater kregen we er een van school.']);
    expect(scoped(doc(), 'school', 'turn', true)[0]).toMatch(/^Ouder: Nee\./);
  });

  it('falls back to the paragraph for a hit outside every turn, and says so', () => {
    const d = doc();
    const at = TEXT.indexOf('januari');
    expect(expandHit(d, { start: at, end: at + 7 }, 'turn')).toEqual({ start: 0, end: 22, fellBack: true });
    const r = scopeRanges(new Map([['d', d]]), [{ documentGuid: 'd', start: at, end: at + 7 }], 'turn');
    expect(r.fellBack).toBe(1);
  });

  it('respects the speaker map: the turns of a dropped label are no turns', () => {
    const d = doc(TEXT, { Ouder: null });
    const at = TEXT.indexOf('school');
    expect(expandHit(d, { start: at, end: at + 6 }, 'turn')).toEqual({ start: TEXT.indexOf('Later'), end: TEXT.indexOf('school.') + 7, fellBack: true });
  });

  it('gives no segment for a hit of only whitespace', () => {
    const r = scopeRanges(new Map([['d', doc()]]), [{ documentGuid: 'd', start: 22, end: 24 }], 'hit');
    expect(r).toEqual({ ranges: [], fellBack: 0, empty: 1 });
  });

  it('handles sentences after emoji without shifting them', () => {
    const d = doc('😀 Eerste zin. Tweede 👍 zin met laptop. Derde.');
    expect(scoped(d, 'laptop', 'sentence')).toEqual(['Tweede 👍 zin met laptop.']);
  });
});

describe('merging expanded ranges', () => {
  it('merges overlapping hits and duplicates into one segment and keeps touching ones apart', () => {
    const hit = (start: number, end: number) => ({ documentGuid: 'd', start, end });
    const hits = [hit(5, 9), hit(0, 3), hit(5, 9), hit(8, 12), hit(12, 14)];
    expect(scopeRanges(new Map([['d', doc()]]), hits, 'hit').ranges).toEqual([hit(0, 3), hit(5, 12), hit(12, 14)]);
  });

  it('expands every hit to a range that contains it, for every scope', () => {
    const d = doc();
    fc.assert(
      fc.property(fc.nat(TEXT.length - 1), fc.nat(20), fc.constantFrom<HitScope>('hit', 'sentence', 'paragraph', 'turn'), (start, length, scope) => {
        const hit = { start, end: Math.min(TEXT.length, start + length + 1) };
        const r = expandHit(d, hit, scope);
        if (!r) return /^\s*$/.test(TEXT.slice(hit.start, hit.end));
        const inner = TEXT.slice(hit.start, hit.end).trim();
        return TEXT.slice(r.start, r.end).includes(inner) && r.start >= 0 && r.end <= TEXT.length;
      }),
    );
  });
});

describe('turns of a speaker', () => {
  it('counts speakers over documents as the user named them', () => {
    const other = scopeDocument({ guid: 'e', speakerMap: { Moeder: 'Ouder' } }, { text: 'Moeder: Ja.\nI: Goed.\nMoeder: Nee.\nI: Oké.', turns: detectTurns('Moeder: Ja.\nI: Goed.\nMoeder: Nee.\nI: Oké.') });
    expect(speakerCounts([doc(), other])).toEqual([
      { name: 'Interviewer', turns: 2, documents: 1 },
      { name: 'Ouder', turns: 4, documents: 2 },
      { name: 'I', turns: 2, documents: 1 },
    ]);
  });

  it('gives the text of every turn of a speaker, without the label unless asked', () => {
    const d = doc();
    expect(speakerTurnRanges([d], 'Ouder').map((r) => TEXT.slice(r.start, r.end))).toEqual([
      'Nee. Mijn zoon had geen laptop. Hij deelde de laptop van zijn zus!\nLater kregen we er een van school.',
      'Nee, dat was het.',
    ]);
    expect(speakerTurnRanges([d], 'Ouder', { includeLabel: true }).map((r) => TEXT.slice(r.start, r.end))[1]).toBe('Ouder: Nee, dat was het.');
  });

  it('leaves out a dropped speaker', () => {
    expect(speakerTurnRanges([doc(TEXT, { Ouder: null })], 'Ouder')).toEqual([]);
    expect(speakerCounts([doc(TEXT, { Ouder: null })]).map((s) => s.name)).toEqual(['Interviewer']);
  });
});

import type { Memo } from '../../../domain/model';
import { ALL_MEMOS, filterMemos, jumpTargetOf, memoHeading, resolveTarget, targetLookup } from './memo-list';

const ANNA = '00000000-0000-4000-8000-00000000000a';
const BART = '00000000-0000-4000-8000-00000000000b';
const DOC = '00000000-0000-4000-8000-0000000000d1';
const SEG = '00000000-0000-4000-8000-0000000000e1';

function memo(guid: string, fields: Partial<Memo>): Memo {
  return {
    guid,
    projectGuid: '00000000-0000-4000-8000-000000000001',
    title: '',
    text: '',
    rich: null,
    targetKind: 'project',
    targetGuid: null,
    authorGuid: ANNA,
    createdAt: '2025-01-01T10:00:00.000Z',
    updatedAt: '2025-01-01T10:00:00.000Z',
    ...fields,
  };
}

const memos = [
  memo('m1', { title: 'Communicatie', text: 'Ouders krijgen een laptop van school.', updatedAt: '2025-03-01T10:00:00.000Z' }),
  memo('m2', { text: 'Eerste regel\nTweede regel over de Éénrichtingsverkeer', targetKind: 'document', targetGuid: DOC, authorGuid: BART, updatedAt: '2025-02-01T10:00:00.000Z' }),
  memo('m3', { title: 'Segment', text: 'Hij zegt: LAPTOPS zijn duur.', targetKind: 'segment', targetGuid: SEG, updatedAt: '2025-04-01T10:00:00.000Z' }),
];
const guids = (list: readonly Memo[]) => list.map((m) => m.guid);

describe('the memo list', () => {
  it('names a memo by its title, else by its first line of text', () => {
    expect(memoHeading(memos[0] as Memo)).toBe('Communicatie');
    expect(memoHeading(memos[1] as Memo)).toBe('Eerste regel');
    expect(memoHeading(memo('x', { text: '\n\n  ' }))).toBe('');
  });

  it('orders memos by their last change, newest first unless asked otherwise', () => {
    expect(guids(filterMemos(memos, ALL_MEMOS))).toEqual(['m3', 'm1', 'm2']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, order: 'updated-asc' }))).toEqual(['m2', 'm1', 'm3']);
  });

  it('finds words in title and text ignoring case and diacritics, every word anywhere', () => {
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, query: 'laptop' }))).toEqual(['m3', 'm1']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, query: 'eenrichtings' }))).toEqual(['m2']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, query: 'school ouders' }))).toEqual(['m1']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, query: 'communicatie duur' }))).toEqual([]);
  });

  it('filters by what a memo is about and by its author', () => {
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, kind: 'document' }))).toEqual(['m2']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, author: ANNA }))).toEqual(['m3', 'm1']);
    expect(guids(filterMemos(memos, { ...ALL_MEMOS, author: BART, query: 'laptop' }))).toEqual([]);
  });

  it('resolves a segment memo to its segment and document, to show it there', () => {
    const document = { guid: DOC, name: 'Ouder school 1' } as never;
    const segment = { guid: SEG, documentGuid: DOC, start: 10, end: 30, text: 'LAPTOPS zijn duur' } as never;
    const lookup = targetLookup({ documents: [document], codes: [], segments: [segment] });
    const target = resolveTarget(memos[2] as Memo, lookup);
    expect(target).toMatchObject({ kind: 'segment', document: { name: 'Ouder school 1' } });
    expect(jumpTargetOf(target)).toEqual({ documentGuid: DOC, start: 10, end: 30 });
    expect(jumpTargetOf(resolveTarget(memos[0] as Memo, lookup))).toBeNull();
    expect(resolveTarget(memo('x', { targetKind: 'code', targetGuid: SEG }), lookup)).toEqual({ kind: 'missing', targetKind: 'code' });
  });
});

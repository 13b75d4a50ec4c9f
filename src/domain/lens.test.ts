import { describe, expect, it } from 'vitest';
import { applyLens, lensCoders, lensShows, parseLens } from './lens';
import type { Coding, Memo, Segment } from './model';
import type { ProjectData } from './project-data';

const coders = [
  { guid: 'me', name: 'Lead' },
  { guid: 'anna', name: 'Anna' },
  { guid: 'cons', name: 'Consensus' },
];

const segment = (guid: string, coderGuid: string): Segment => ({ guid, projectGuid: 'p', documentGuid: 'd', coderGuid, start: 0, end: 1, text: 'x', comment: '', createdAt: '2026-01-01T00:00:00.000Z' });
const coding = (guid: string, s: Segment, codeGuid = 'c'): Coding => ({ guid, projectGuid: 'p', documentGuid: 'd', segmentGuid: s.guid, codeGuid, coderGuid: s.coderGuid, createdAt: s.createdAt }) as Coding;

describe('the coder lens', () => {
  it('names the coders each kind shows', () => {
    expect(lensCoders({ kind: 'everyone' }, coders, 'me')).toBeNull();
    expect([...(lensCoders({ kind: 'mine' }, coders, 'me') ?? [])]).toEqual(['me']);
    expect([...(lensCoders({ kind: 'consensus' }, coders, 'me') ?? [])]).toEqual(['cons']);
    // A chosen coder who left the project is ignored.
    expect([...(lensCoders({ kind: 'coders', coderGuids: ['anna', 'gone'] }, coders, 'me') ?? [])]).toEqual(['anna']);
    expect(lensCoders({ kind: 'consensus' }, coders.slice(0, 2), 'me')?.size).toBe(0);
    expect(lensShows(null, 'anyone')).toBe(true);
    expect(lensShows(new Set(['anna']), 'me')).toBe(false);
  });

  it('keeps only the shown coders’ segments, their codings, their segments’ memos and theme quotations', () => {
    const mine = segment('s1', 'me');
    const hers = segment('s2', 'anna');
    const memo = (guid: string, targetKind: Memo['targetKind'], targetGuid: string | null): Memo => ({ guid, projectGuid: 'p', title: '', text: guid, rich: null, targetKind, targetGuid, authorGuid: 'me', createdAt: '', updatedAt: '' });
    const data = {
      project: { guid: 'p' },
      segments: [mine, hers],
      codings: [coding('k1', mine), coding('k2', hers)],
      memos: [memo('on-mine', 'segment', 's1'), memo('on-hers', 'segment', 's2'), memo('on-code', 'code', 'c'), memo('project', 'project', null)],
      themes: [{ guid: 't', quoteSegmentGuids: ['s1', 's2'], codeGuids: ['c'] }],
    } as unknown as ProjectData;
    const lensed = applyLens(data, new Set(['anna']));
    expect(lensed.segments.map((s) => s.guid)).toEqual(['s2']);
    expect(lensed.codings.map((c) => c.guid)).toEqual(['k2']);
    expect(lensed.memos.map((m) => m.guid)).toEqual(['on-hers', 'on-code', 'project']);
    expect(lensed.themes[0]?.quoteSegmentGuids).toEqual(['s2']);
    expect(lensed.themes[0]?.codeGuids).toEqual(['c']);
    expect(applyLens(data, null)).toBe(data);
  });

  it('reads back only what is a lens, so that a damaged preference falls back to the default', () => {
    expect(parseLens({ kind: 'mine' })).toEqual({ kind: 'mine' });
    expect(parseLens({ kind: 'coders', coderGuids: ['a', 'a', 'b'] })).toEqual({ kind: 'coders', coderGuids: ['a', 'b'] });
    for (const bad of [null, 'mine', { kind: '__proto__' }, { kind: 'coders', coderGuids: [1] }, { kind: 'coders' }, []]) expect(parseLens(bad)).toBeNull();
  });
});

import fc from 'fast-check';
import {
  contextAround,
  coveredLength,
  intersectionLength,
  intersectRanges,
  lanes,
  mergeRanges,
  normalizeSelection,
  overlaps,
  pieces,
  segmentsInRange,
  type KeyedRange,
  type TextRange,
} from './ranges';

/** 'Hel[lo wo]rld' -> the text without brackets and the bracketed range. */
function marked(source: string): { text: string; start: number; end: number } {
  const start = source.indexOf('[');
  const end = source.indexOf(']') - 1;
  return { text: source.replace('[', '').replace(']', ''), start, end };
}

const r = (start: number, end: number): TextRange => ({ start, end });
const k = (key: string, start: number, end: number): KeyedRange => ({ key, start, end });

const arbitraryRange = fc
  .tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 20 }))
  .map(([start, length]) => r(start, start + length));

/** Ranges with unique keys "s0", "s1", ... */
const arbitraryKeyed = fc
  .array(arbitraryRange, { maxLength: 40 })
  .map((ranges) => ranges.map((range, i) => k(`s${i}`, range.start, range.end)));

/** The brute-force answer: the keys of the ranges containing code unit `at`. */
const keysAt = (ranges: readonly KeyedRange[], at: number) =>
  ranges.filter((range) => range.start <= at && at < range.end).map((range) => range.key).sort();

describe('normalizeSelection', () => {
  it('keeps a selection without surrounding whitespace as it is', () => {
    const { text, start, end } = marked('Hel[lo wo]rld');
    expect(normalizeSelection(text, start, end)).toEqual({ start, end });
  });

  it('trims whitespace and line breaks at both ends', () => {
    const { text, start, end } = marked('one[ \n\ttwo three \n]four');
    const trimmed = normalizeSelection(text, start, end);
    expect(trimmed && text.slice(trimmed.start, trimmed.end)).toBe('two three');
  });

  it('is null for an empty or whitespace-only selection', () => {
    expect(normalizeSelection('a   b', 1, 4)).toBeNull();
    expect(normalizeSelection('abc', 2, 2)).toBeNull();
  });

  it('turns a backward selection round and clamps it to the text', () => {
    expect(normalizeSelection('hello', 4, 1)).toEqual({ start: 1, end: 4 });
    expect(normalizeSelection('hello', -3, 99)).toEqual({ start: 0, end: 5 });
  });

  it('widens a bound inside a surrogate pair to the whole character', () => {
    const text = 'a😀b';
    expect(normalizeSelection(text, 2, 4)).toEqual({ start: 1, end: 4 });
    expect(normalizeSelection(text, 0, 2)).toEqual({ start: 0, end: 3 });
  });

  it('always returns a non-empty range inside the text that starts and ends on non-whitespace', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', ' ', '\n', 'b') }), fc.nat(30), fc.nat(30), (text, a, b) => {
        const result = normalizeSelection(text, a, b);
        if (result === null) return;
        expect(result.start).toBeGreaterThanOrEqual(0);
        expect(result.end).toBeLessThanOrEqual(text.length);
        expect(result.start).toBeLessThan(result.end);
        expect(text[result.start]).toMatch(/\S/);
        expect(text[result.end - 1]).toMatch(/\S/);
      }),
    );
  });
});

describe('overlaps and intersectionLength', () => {
  it('counts shared code units', () => {
    expect(intersectionLength(r(0, 5), r(3, 9))).toBe(2);
    expect(overlaps(r(0, 5), r(3, 9))).toBe(true);
  });

  it('treats touching ranges as not overlapping', () => {
    expect(overlaps(r(0, 5), r(5, 9))).toBe(false);
    expect(intersectionLength(r(0, 5), r(5, 9))).toBe(0);
  });

  it('treats an empty range as overlapping nothing, even inside another', () => {
    expect(overlaps(r(4, 4), r(0, 9))).toBe(false);
  });

  it('agree with each other and are symmetric', () => {
    fc.assert(
      fc.property(arbitraryRange, arbitraryRange, (a, b) => {
        expect(overlaps(a, b)).toBe(intersectionLength(a, b) > 0);
        expect(intersectionLength(a, b)).toBe(intersectionLength(b, a));
      }),
    );
  });
});

describe('mergeRanges and coveredLength', () => {
  const join = { touching: 'join' } as const;
  const keep = { touching: 'keep' } as const;
  /** Whether code unit `at` lies in one of `ranges`. */
  const covers = (ranges: readonly TextRange[], at: number) => ranges.some((range) => range.start <= at && at < range.end);

  it('joins overlapping and touching ranges when touching ones are joined', () => {
    expect(mergeRanges([r(10, 12), r(0, 5), r(3, 7), r(7, 8)], join)).toEqual([r(0, 8), r(10, 12)]);
  });

  it('joins overlapping ranges but keeps touching ones apart when they are kept', () => {
    expect(mergeRanges([r(10, 12), r(0, 5), r(3, 7), r(7, 8)], keep)).toEqual([r(0, 7), r(7, 8), r(10, 12)]);
  });

  it('makes one range of duplicates and of a range inside another, under either rule', () => {
    for (const touching of [join, keep]) {
      expect(mergeRanges([r(2, 6), r(2, 6), r(3, 4)], touching)).toEqual([r(2, 6)]);
    }
  });

  it('drops empty ranges wherever they lie, even between touching ranges', () => {
    expect(mergeRanges([r(4, 4)], join)).toEqual([]);
    expect(mergeRanges([r(0, 2), r(4, 4), r(6, 8)], join)).toEqual([r(0, 2), r(6, 8)]);
    expect(mergeRanges([r(0, 5), r(5, 5), r(5, 9)], join)).toEqual([r(0, 9)]);
    expect(mergeRanges([r(0, 5), r(5, 5), r(5, 9)], keep)).toEqual([r(0, 5), r(5, 9)]);
    expect(mergeRanges([r(3, 3), r(0, 5)], keep)).toEqual([r(0, 5)]);
  });

  it('drops a range with an offset that is not a number, sorted among the others or not', () => {
    for (const touching of [join, keep]) {
      expect(mergeRanges([r(Number.NaN, 5), r(6, 8), r(0, 3)], touching)).toEqual([r(0, 3), r(6, 8)]);
      expect(mergeRanges([r(0, 3), r(4, Number.NaN), r(6, 8)], touching)).toEqual([r(0, 3), r(6, 8)]);
    }
  });

  it('takes ranges in any order and leaves the input as it was', () => {
    const input = [r(8, 9), r(0, 2), r(1, 4), r(4, 6)];
    const copy = input.map((range) => ({ ...range }));
    expect(mergeRanges(input, join)).toEqual([r(0, 6), r(8, 9)]);
    expect(mergeRanges(input, keep)).toEqual([r(0, 4), r(4, 6), r(8, 9)]);
    expect(input).toEqual(copy);
  });

  it('counts each covered code unit once', () => {
    expect(coveredLength([r(0, 5), r(3, 7), r(10, 12)])).toBe(9);
    expect(coveredLength([r(0, 5), r(5, 7)])).toBe(7);
    expect(coveredLength([])).toBe(0);
  });

  for (const touching of [join, keep]) {
    describe(`with touching ranges ${touching.touching === 'join' ? 'joined' : 'kept apart'}`, () => {
      it('covers exactly the code units the input covers', () => {
        fc.assert(
          fc.property(fc.array(arbitraryRange), (ranges) => {
            const merged = mergeRanges(ranges, touching);
            for (let at = 0; at <= 80; at++) expect(covers(merged, at)).toBe(covers(ranges, at));
          }),
        );
      });

      it('returns sorted, non-empty ranges that share no code unit', () => {
        fc.assert(
          fc.property(fc.array(arbitraryRange), (ranges) => {
            const merged = mergeRanges(ranges, touching);
            merged.forEach((range, i) => {
              expect(range.start).toBeLessThan(range.end);
              const next = merged[i + 1];
              if (!next) return;
              // Joined: a gap between any two; kept: they may touch.
              if (touching.touching === 'join') expect(range.end).toBeLessThan(next.start);
              else expect(range.end).toBeLessThanOrEqual(next.start);
            });
          }),
        );
      });

      it('gives the same result for the input in any order, and again for its own result', () => {
        fc.assert(
          fc.property(fc.array(arbitraryRange), (ranges) => {
            const merged = mergeRanges(ranges, touching);
            expect(mergeRanges([...ranges].reverse(), touching)).toEqual(merged);
            expect(mergeRanges(merged, touching)).toEqual(merged);
          }),
        );
      });
    });
  }

  it('keeps apart only what joining would join at a point no range crosses', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRange), (ranges) => {
        const kept = mergeRanges(ranges, keep);
        expect(mergeRanges(kept, join)).toEqual(mergeRanges(ranges, join));
        // Inside a kept range, every boundary between two code units lies inside some input range.
        for (const range of kept) {
          for (let at = range.start + 1; at < range.end; at++) expect(ranges.some((input) => input.start < at && at < input.end)).toBe(true);
        }
      }),
    );
  });

  it('never covers more than the sum of the lengths', () => {
    fc.assert(
      fc.property(fc.array(arbitraryRange), (ranges) => {
        const sum = ranges.reduce((total, range) => total + range.end - range.start, 0);
        expect(coveredLength(ranges)).toBeLessThanOrEqual(sum);
      }),
    );
  });
});

describe('pieces', () => {
  it('splits two overlapping ranges into three pieces', () => {
    expect(pieces([k('a', 0, 6), k('b', 3, 9)])).toEqual([
      { start: 0, end: 3, keys: ['a'] },
      { start: 3, end: 6, keys: ['a', 'b'] },
      { start: 6, end: 9, keys: ['b'] },
    ]);
  });

  it('leaves gaps without pieces and ignores empty ranges', () => {
    expect(pieces([k('b', 5, 7), k('a', 0, 2), k('e', 3, 3)])).toEqual([
      { start: 0, end: 2, keys: ['a'] },
      { start: 5, end: 7, keys: ['b'] },
    ]);
  });

  it('lists keys in the order their ranges start', () => {
    expect(pieces([k('inner', 2, 4), k('outer', 0, 9)])[1]).toEqual({ start: 2, end: 4, keys: ['outer', 'inner'] });
  });

  it('keeps a piece whole where one range ends and its key starts again', () => {
    expect(pieces([k('a', 0, 4), k('a', 4, 8)])).toEqual([{ start: 0, end: 8, keys: ['a'] }]);
  });

  it('covers exactly the union of the ranges', () => {
    fc.assert(
      fc.property(arbitraryKeyed, (ranges) => {
        expect(mergeRanges(pieces(ranges), { touching: 'join' })).toEqual(mergeRanges(ranges, { touching: 'join' }));
        expect(coveredLength(pieces(ranges))).toBe(coveredLength(ranges));
      }),
    );
  });

  it('gives every code unit the keys of exactly the ranges containing it', () => {
    fc.assert(
      fc.property(arbitraryKeyed, (ranges) => {
        const result = pieces(ranges);
        for (let at = 0; at <= 80; at++) {
          const piece = result.find((p) => p.start <= at && at < p.end);
          expect(piece ? [...piece.keys].sort() : []).toEqual(keysAt(ranges, at));
        }
      }),
    );
  });

  it('returns sorted, disjoint, maximal pieces', () => {
    fc.assert(
      fc.property(arbitraryKeyed, (ranges) => {
        const result = pieces(ranges);
        result.forEach((piece, i) => {
          expect(piece.start).toBeLessThan(piece.end);
          expect(new Set(piece.keys).size).toBe(piece.keys.length);
          const next = result[i + 1];
          if (!next) return;
          expect(piece.end).toBeLessThanOrEqual(next.start);
          if (piece.end === next.start) expect([...piece.keys].sort()).not.toEqual([...next.keys].sort());
        });
      }),
    );
  });

  it('handles 10,000 ranges quickly', () => {
    const ranges = Array.from({ length: 10_000 }, (_, i) => {
      const start = (i * 7919) % 200_000;
      return k(`s${i}`, start, start + 20 + (i % 300));
    });
    const began = performance.now();
    const result = pieces(ranges);
    expect(performance.now() - began).toBeLessThan(1000);
    expect(coveredLength(result)).toBe(coveredLength(ranges));
  });
});

describe('lanes', () => {
  it('puts overlapping ranges side by side and reuses a lane once it is free', () => {
    const result = lanes([k('a', 0, 10), k('b', 2, 5), k('c', 6, 8), k('d', 10, 12)]);
    expect(Object.fromEntries(result)).toEqual({ a: 0, b: 1, c: 1, d: 0 });
  });

  it('gives the longer of two ranges starting together the lower lane', () => {
    expect(Object.fromEntries(lanes([k('short', 0, 2), k('long', 0, 9)]))).toEqual({ long: 0, short: 1 });
  });

  it('takes the lowest free lane', () => {
    const result = lanes([k('a', 0, 10), k('b', 0, 4), k('c', 1, 10), k('d', 5, 6)]);
    expect(result.get('d')).toBe(1);
  });

  it('treats repeated keys as a bug', () => {
    expect(() => lanes([k('a', 0, 1), k('a', 2, 3)])).toThrow(/unique/);
  });

  it('never gives two overlapping ranges the same lane', () => {
    fc.assert(
      fc.property(arbitraryKeyed, (ranges) => {
        const result = lanes(ranges);
        expect(result.size).toBe(ranges.length);
        for (const a of ranges) {
          for (const b of ranges) {
            if (a.key !== b.key && overlaps(a, b)) expect(result.get(a.key)).not.toBe(result.get(b.key));
          }
        }
      }),
    );
  });

  it('uses no more lanes than ranges overlapping at the deepest point', () => {
    fc.assert(
      fc.property(arbitraryKeyed, (ranges) => {
        const used = new Set(lanes(ranges).values()).size;
        const nonEmpty = ranges.filter((range) => range.end > range.start);
        let deepest = 0;
        for (let at = 0; at <= 80; at++) deepest = Math.max(deepest, keysAt(nonEmpty, at).length);
        // Empty ranges overlap nothing but still take a lane.
        expect(used).toBeLessThanOrEqual(Math.max(deepest, 1) + (ranges.length - nonEmpty.length));
      }),
    );
  });

  it('handles 10,000 ranges quickly', () => {
    const ranges = Array.from({ length: 10_000 }, (_, i) => k(`s${i}`, (i * 7919) % 200_000, ((i * 7919) % 200_000) + 50));
    const began = performance.now();
    expect(lanes(ranges).size).toBe(10_000);
    expect(performance.now() - began).toBeLessThan(1000);
  });
});

describe('segmentsInRange', () => {
  const sorted = [k('long', 0, 100), k('a', 5, 10), k('b', 10, 20), k('c', 30, 40), k('empty', 35, 35)];

  it('returns the ranges sharing a code unit with the query, in their order', () => {
    expect(segmentsInRange(sorted, 9, 31).map((s) => s.key)).toEqual(['long', 'a', 'b', 'c']);
  });

  it('leaves out ranges that only touch the query', () => {
    expect(segmentsInRange(sorted, 10, 30).map((s) => s.key)).toEqual(['long', 'b']);
  });

  it('finds nothing for an empty query or past the end', () => {
    expect(segmentsInRange(sorted, 12, 12)).toEqual([]);
    expect(segmentsInRange(sorted, 100, 200)).toEqual([]);
  });

  it('treats unsorted input as a bug', () => {
    expect(() => segmentsInRange([k('b', 5, 6), k('a', 0, 1)], 0, 10)).toThrow(/sorted by start/);
  });

  it('agrees with filtering by overlaps', () => {
    fc.assert(
      fc.property(arbitraryKeyed, arbitraryRange, (ranges, query) => {
        const sortedRanges = [...ranges].sort((a, b) => a.start - b.start);
        expect(segmentsInRange(sortedRanges, query.start, query.end)).toEqual(sortedRanges.filter((range) => overlaps(range, query)));
      }),
    );
  });
});

describe('contextAround', () => {
  const text = 'De school belde elke week met de ouders van kwetsbare leerlingen om te horen hoe het ging.';
  const start = text.indexOf('ouders');
  const end = start + 'ouders'.length;

  it('gives the whole text around the match when it is short enough', () => {
    expect(contextAround(text, start, end, 200)).toEqual({ before: text.slice(0, start), match: 'ouders', after: text.slice(end) });
  });

  it('cuts at word boundaries and marks the cuts with an ellipsis', () => {
    const context = contextAround(text, start, end, 12);
    expect(context).toEqual({ before: '…week met de ', match: 'ouders', after: ' van…' });
  });

  it('cuts mid-word when the window holds no whitespace', () => {
    const long = 'x'.repeat(30) + 'MATCH' + 'y'.repeat(30);
    expect(contextAround(long, 30, 35, 5)).toEqual({ before: '…xxxxx', match: 'MATCH', after: 'yyyyy…' });
  });

  it('never cuts a surrogate pair in half', () => {
    const emoji = '😀😀😀MATCH😀😀😀';
    const context = contextAround(emoji, 6, 11, 3);
    expect(context.before).toBe('…😀');
    expect(context.after).toBe('😀…');
  });

  it('adds no ellipsis at the start or end of the text', () => {
    const context = contextAround('ouders thuis', 0, 6, 60);
    expect(context).toEqual({ before: '', match: 'ouders', after: ' thuis' });
  });

  it('keeps the match and at most the asked context, plus the ellipses', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n') }), fc.nat(40), fc.nat(40), fc.nat(20), (s, a, b, chars) => {
        const [from, to] = [Math.min(a, b, s.length), Math.min(Math.max(a, b), s.length)];
        const context = contextAround(s, from, to, chars);
        expect(context.match).toBe(s.slice(from, to));
        expect(context.before.replace('…', '').length).toBeLessThanOrEqual(chars);
        expect(context.after.replace('…', '').length).toBeLessThanOrEqual(chars);
        expect(s.slice(0, from).endsWith(context.before.replace('…', ''))).toBe(true);
        expect(s.slice(to).startsWith(context.after.replace('…', ''))).toBe(true);
      }),
    );
  });
});

describe('intersectRanges', () => {
  it('keeps what both sorted lists cover, dropping ranges that only touch', () => {
    const a = [
      { start: 0, end: 5 },
      { start: 8, end: 12 },
    ];
    const b = [
      { start: 3, end: 9 },
      { start: 12, end: 20 },
    ];
    expect(intersectRanges(a, b)).toEqual([
      { start: 3, end: 5 },
      { start: 8, end: 9 },
    ]);
    expect(intersectRanges(a, [])).toEqual([]);
  });
});

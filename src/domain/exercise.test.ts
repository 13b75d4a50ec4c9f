import { boundaryDifferences, exerciseResults, meanOverCodes } from './exercise';
import type { Attempt, Segment } from './model';

const TEXT = 'Ik zag dat hij niet online kwam. Toen belde ik de mentor.';
const DOC = 'd0000000-0000-4000-8000-000000000000';
const REF = 'a0000000-0000-4000-8000-000000000000';
const STU = 'b0000000-0000-4000-8000-000000000000';
const CODE = 'c0000000-0000-4000-8000-000000000000';

function segment(guid: string, coderGuid: string, phrase: string): Segment {
  const start = TEXT.indexOf(phrase);
  return { guid, projectGuid: 'p', documentGuid: DOC, coderGuid, start, end: start + phrase.length, text: phrase, comment: '', createdAt: '' };
}

describe('boundary differences', () => {
  const input = (segments: Segment[], missed: { documentGuid: string; start: number; end: number }[] = []) =>
    boundaryDifferences({
      segments,
      codings: segments.map((s) => ({ segmentGuid: s.guid, codeGuid: CODE })),
      reference: REF,
      student: STU,
      codeGuid: CODE,
      documentGuids: [DOC],
      missed,
      texts: new Map([[DOC, TEXT]]),
    });

  it('says how many characters and words earlier or later the student’s passage starts and ends', () => {
    const [d] = input([segment('r', REF, 'hij niet online kwam'), segment('s', STU, 'dat hij niet online')]);
    expect(d).toMatchObject({ startShift: -4, endShift: -5, startWords: 1, endWords: 1 });
  });

  it('takes the span of several student segments together, and leaves out exact matches and misses', () => {
    const two = input([segment('r', REF, 'hij niet online kwam.'), segment('s1', STU, 'hij niet'), segment('s2', STU, 'online kwam. Toen')]);
    expect(two).toEqual([expect.objectContaining({ startShift: 0, endShift: 5, endWords: 1 })]);
    expect(input([segment('r', REF, 'hij niet'), segment('s', STU, 'hij niet')])).toEqual([]);
    const r = segment('r', REF, 'hij niet online kwam');
    expect(input([r, segment('s', STU, 'hij')], [{ documentGuid: DOC, start: r.start, end: r.end }])).toEqual([]);
  });
});

describe('exercise results', () => {
  const attempt = (guid: string, coderGuid: string, createdAt: string, codes: [number | null, number | null][]): Attempt => ({
    guid,
    projectGuid: 'p',
    coderGuid,
    createdAt,
    documentGuids: [DOC],
    threshold: 0.5,
    overall: { reference: 2, student: 2, found: 1, extra: 1, recall: 0.5, precision: 0.5 },
    codes: codes.map(([percentAgreement, cohenKappa], i) => ({ codeGuid: `${i}`, reference: 1, student: 1, found: 1, extra: 0, recall: 1, precision: 1, percentAgreement, cohenKappa })),
  });

  it('lists every student with their attempts oldest first, and leaves out the reference', () => {
    const project = { guid: 'p', name: 'x', createdAt: '', updatedAt: '', ownerCoderGuid: REF, template: null, exercise: { referenceCoderGuid: REF, instructions: '', instructionsRich: null, feedback: 'end' as const, threshold: 0.5, openCoding: false } };
    const coders = [
      { guid: REF, projectGuid: 'p', name: 'Docent', color: '#000000' },
      { guid: STU, projectGuid: 'p', name: 'Sanne', color: '#000000' },
      { guid: 'e', projectGuid: 'p', name: 'Eva', color: '#000000' },
    ];
    const rows = exerciseResults({ project, coders, attempts: [attempt('2', STU, '2026-01-02', []), attempt('1', STU, '2026-01-01', [])] });
    expect(rows.map((r) => [r.coder.name, r.attempts.map((a) => a.guid)])).toEqual([
      ['Eva', []],
      ['Sanne', ['1', '2']],
    ]);
  });

  it('averages percent agreement and kappa over the codes that have one', () => {
    const a = attempt('1', STU, '', [
      [80, 0.5],
      [100, null],
      [null, null],
    ]);
    expect(meanOverCodes(a, 'percentAgreement')).toBe(90);
    expect(meanOverCodes(a, 'cohenKappa')).toBe(0.5);
    expect(meanOverCodes(attempt('2', STU, '', []), 'cohenKappa')).toBeNull();
  });
});

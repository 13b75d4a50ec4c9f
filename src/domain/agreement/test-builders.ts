/**
 * For tests only: small builders for agreement input, so that a test reads as the coding it
 * describes: `coding.add('anna', 'doc', 0, 150, 'anger')`.
 */
import fc from 'fast-check';
import type { Code, Guid } from '../model';
import type { AgreementCoding, AgreementInput, AgreementSegment } from './input';

export function code(guid: Guid, parentGuid: Guid | null = null, order = 0): Code {
  return { guid, projectGuid: 'project', parentGuid, name: `Code ${guid}`, color: '#1f77b4', definition: '', order, shortcut: null };
}

/**
 * A codebook used across the tests:
 * emotion > anger > rage, emotion > joy; topic > school, topic > home; other.
 */
export const CODEBOOK: readonly Code[] = [
  code('emotion', null, 0),
  code('anger', 'emotion', 0),
  code('rage', 'anger', 0),
  code('joy', 'emotion', 1),
  code('topic', null, 1),
  code('school', 'topic', 0),
  code('home', 'topic', 1),
  code('other', null, 2),
];

export class CodingBuilder {
  readonly segments: AgreementSegment[] = [];
  readonly codings: AgreementCoding[] = [];

  /** Coder `coderGuid` codes [start, end) of `documentGuid` with `codeGuids` (one segment). */
  add(coderGuid: Guid, documentGuid: Guid, start: number, end: number, ...codeGuids: Guid[]): this {
    const guid = `segment-${this.segments.length}`;
    this.segments.push({ guid, documentGuid, coderGuid, start, end });
    for (const codeGuid of codeGuids) this.codings.push({ segmentGuid: guid, codeGuid });
    return this;
  }

  input(
    documents: Readonly<Record<Guid, number>>,
    coders: readonly Guid[],
    options: Partial<Pick<AgreementInput, 'codes' | 'codeGuids' | 'documentGuids' | 'domainGuids'>> = {},
  ): AgreementInput {
    return {
      documents: Object.entries(documents).map(([guid, length]) => ({ guid, name: `Document ${guid}`, length })),
      codes: CODEBOOK,
      coders,
      segments: this.segments,
      codings: this.codings,
      ...options,
    };
  }
}

export const coding = (): CodingBuilder => new CodingBuilder();

const CODERS = ['anna', 'ben', 'cleo', 'dirk'];
// 'ghost' is in no codebook; a coding of it is ignored by the report.
const CODES = [...CODEBOOK.map((code) => code.guid), 'ghost'];
const DOCUMENTS = ['d0', 'd1', 'd2', 'lost'];

/**
 * Projects as the dialog and the command line give them: segments of coders not compared and of
 * documents not in the input, codes outside the codebook, chosen documents and codes or not.
 */
export const arbitraryAgreementInput = fc
  .record({
    lengths: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 3 }),
    compared: fc.subarray(CODERS, { minLength: 2 }),
    segments: fc.array(
      fc.record({
        coder: fc.constantFrom(...CODERS),
        document: fc.constantFrom(...DOCUMENTS),
        x: fc.nat(40),
        y: fc.nat(40),
        codes: fc.subarray(CODES, { minLength: 0, maxLength: 3 }),
      }),
      { maxLength: 24 },
    ),
    documentChoice: fc.option(fc.subarray(DOCUMENTS), { nil: undefined }),
    codeChoice: fc.option(fc.subarray(CODEBOOK.map((code) => code.guid)), { nil: undefined }),
  })
  .map(({ lengths, compared, segments, documentChoice, codeChoice }): AgreementInput => {
    const built = coding();
    for (const s of segments) {
      const length = lengths[DOCUMENTS.indexOf(s.document)] ?? 40;
      const [a, b] = [s.x % (length + 1), s.y % (length + 1)];
      built.add(s.coder, s.document, Math.min(a, b), Math.max(a, b), ...s.codes);
    }
    const documents: Record<Guid, number> = {};
    lengths.forEach((length, i) => (documents[`d${i}`] = length));
    return built.input(documents, compared, {
      ...(documentChoice ? { documentGuids: documentChoice } : {}),
      ...(codeChoice ? { codeGuids: codeChoice } : {}),
    });
  });

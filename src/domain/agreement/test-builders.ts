/**
 * For tests only: small builders for agreement input, so that a test reads as the coding it
 * describes: `coding.add('anna', 'doc', 0, 150, 'anger')`.
 */
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

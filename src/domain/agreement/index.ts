/**
 * Inter-coder agreement: on coded text (per code and document, per domain) and on predefined
 * units. Pure functions over plain data. Definitions: `../shared/agreement/README.md` (from the
 * repository root).
 */
export { computeAgreement, computePackedAgreement, joinAgreementShares, kappa2x2 } from './text';
export { DEFAULT_SEGMENT_SHARE, packedSegmentAgreement, segmentAgreement } from './segments';
export type { SegmentAgreementReport, SegmentCounts } from './segments';
export type { AgreementReport, AgreementStats, CodeAgreement, DocumentAgreement, DomainAgreement, ReportShare } from './text';
export { disagreements } from './disagreements';
export { packAgreementInput } from './packed';
export type { PackedAgreementInput } from './packed';
export type { Disagreement } from './disagreements';
export { sameAgreementInput } from './input';
export type { AgreementCoding, AgreementDocument, AgreementInput, AgreementSegment } from './input';
export { coverage, characterCounts } from './coverage';
export type { CharacterCounts, CoveragePiece } from './coverage';
export {
  addIngredients,
  binaryUAlpha,
  cuAlpha,
  emptyIngredients,
  uAlpha,
  unitizingIngredients,
} from './unitizing';
export type { AlphaIngredients, ValueIngredients, ValuedRange } from './unitizing';
export {
  coincidences,
  cohenKappa,
  contingency,
  contingencyAgreement,
  fleissKappa,
  krippendorffAlpha,
  observedAgreement,
  scottPi,
} from './nominal';
export type { AlphaMetric, ContingencyCell, UnitValue, UnitValues } from './nominal';

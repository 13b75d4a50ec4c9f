// Types of gen-w2.mjs (for the TypeScript that uses it).
export interface W2Document {
  readonly id: string;
  readonly name: string;
  readonly variables: Readonly<Record<string, string>>;
  readonly textSha256: string;
  readonly paragraphs: readonly (readonly [number, number])[];
  readonly text: string;
}
export interface W2Segment {
  readonly doc: number;
  readonly coder: number;
  readonly start: number;
  readonly end: number;
  readonly codes: readonly number[];
}
export interface W2Workload {
  readonly format: 'markeer-w2/1';
  readonly options: Record<string, number>;
  readonly template: string;
  readonly codes: readonly { readonly guid: string; readonly slug: string; readonly name: string }[];
  readonly coders: readonly { readonly id: string; readonly name: string; readonly color: string }[];
  readonly stats: Record<string, unknown> & { readonly segments: number; readonly codings: number };
  readonly documents: readonly W2Document[];
  readonly segments: readonly W2Segment[];
}
export const TEMPLATE_SLUG: string;
export const W2_DEFAULTS: Readonly<Record<string, number>>;
export function generateW2(options?: Record<string, number>): W2Workload;

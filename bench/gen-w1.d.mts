// Types of gen-w1.mjs (for the TypeScript that uses it).
export interface W1Range {
  readonly id: string;
  readonly start: number;
  readonly end: number;
  readonly cat: number;
}
export interface W1Category {
  readonly id: string;
  readonly name: string;
  readonly color: string;
}
export interface W1Workload {
  readonly format: 'peer-w1/1';
  readonly options: Record<string, number>;
  readonly textSha256: string;
  readonly stats: Record<string, unknown> & { readonly ranges: number; readonly textLength: number };
  readonly categories: readonly W1Category[];
  readonly paragraphs: readonly (readonly [number, number])[];
  readonly ranges: readonly W1Range[];
  readonly adds: readonly W1Range[];
  readonly text: string;
}
export interface Rng {
  next(): number;
  int(lo: number, hi: number): number;
  pick<T>(arr: readonly T[]): T;
  shuffle<T>(arr: T[]): T[];
}
export const W1_TEXT_SHA256: string;
export const W1_JSON_SHA256: string;
export function mulberry32(seed: number): Rng;
export function generateW1(options?: Record<string, number>): W1Workload;
export function generateScaledW1(scale: number): W1Workload;
export function validateW1(w: unknown): string[];
export function loadW1(file: string): { workload: W1Workload; canonical: boolean };
export function checkW1(w?: W1Workload): string[];

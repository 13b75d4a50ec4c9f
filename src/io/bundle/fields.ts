/**
 * Shapes of the records in a bundle's JSON, and a reader that checks a raw record against one.
 * A problem names its place, e.g. "segments[3].end is not a number".
 */
import { normalizeGuid, readGuid } from '../../domain/ids';
import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, Memo, MemoTargetKind, Project, Segment, Theme, VariableDefinition, VariableType } from '../../domain/model';
import type { BundleManifestDocument, BundleTextRecord } from './types';

export type FieldKind =
  | 'guid'
  | 'guid|null'
  | 'string'
  | 'string|null'
  | 'string?'
  | 'boolean?'
  | 'int'
  | 'int|null'
  | 'number'
  | 'strings'
  | 'guids'
  | 'variableType'
  | 'memoTarget'
  | 'guids?'
  | 'exercise?'
  | 'phase?'
  | 'totals'
  | 'attemptCodes'
  | 'speakerMap'
  | 'turns';

type Shape<T> = { readonly [K in keyof Required<T>]: FieldKind };

export const PROJECT_SHAPE: Shape<Project> = {
  guid: 'guid',
  name: 'string',
  createdAt: 'string',
  updatedAt: 'string',
  ownerCoderGuid: 'guid',
  template: 'string|null',
  demo: 'boolean?',
  citationTemplate: 'string?',
  exercise: 'exercise?',
  phase: 'phase?',
};

export const CODER_SHAPE: Shape<Coder> = { guid: 'guid', projectGuid: 'guid', name: 'string', color: 'string', couchUser: 'string?' };

export const DOCUMENT_SHAPE: Shape<DocumentRecord> = {
  guid: 'guid',
  projectGuid: 'guid',
  name: 'string',
  length: 'int',
  sha256: 'string',
  createdAt: 'string',
  updatedAt: 'string',
  variables: 'strings',
  speakerMap: 'speakerMap',
  order: 'number',
  source: 'string?',
  readBy: 'guids?',
};

export const THEME_SHAPE: Shape<Theme> = {
  guid: 'guid',
  projectGuid: 'guid',
  parentGuid: 'guid|null',
  name: 'string',
  definition: 'string',
  scopeNote: 'string',
  codeGuids: 'guids',
  quoteSegmentGuids: 'guids',
  color: 'string',
  order: 'number',
};

export const ATTEMPT_SHAPE: Shape<Attempt> = {
  guid: 'guid',
  projectGuid: 'guid',
  coderGuid: 'guid',
  createdAt: 'string',
  documentGuids: 'guids',
  threshold: 'number',
  overall: 'totals',
  codes: 'attemptCodes',
};

export const TEXT_SHAPE: Shape<BundleTextRecord> = { documentGuid: 'guid', projectGuid: 'guid', turns: 'turns' };

export const CODE_SHAPE: Shape<Code> = {
  guid: 'guid',
  projectGuid: 'guid',
  parentGuid: 'guid|null',
  name: 'string',
  color: 'string',
  definition: 'string',
  order: 'number',
  shortcut: 'int|null',
};

export const SEGMENT_SHAPE: Shape<Segment> = {
  guid: 'guid',
  projectGuid: 'guid',
  documentGuid: 'guid',
  coderGuid: 'guid',
  start: 'int',
  end: 'int',
  text: 'string',
  comment: 'string',
  createdAt: 'string',
};

export const CODING_SHAPE: Shape<Coding> = {
  guid: 'guid',
  projectGuid: 'guid',
  segmentGuid: 'guid',
  documentGuid: 'guid',
  codeGuid: 'guid',
  coderGuid: 'guid',
  createdAt: 'string',
};

export const VARIABLE_SHAPE: Shape<VariableDefinition> = { guid: 'guid', projectGuid: 'guid', name: 'string', type: 'variableType', order: 'number' };

export const GROUP_SHAPE: Shape<DocumentGroup> = {
  guid: 'guid',
  projectGuid: 'guid',
  name: 'string',
  description: 'string',
  documentGuids: 'guids',
  order: 'number',
};

export const MEMO_SHAPE: Shape<Memo> = {
  guid: 'guid',
  projectGuid: 'guid',
  title: 'string',
  text: 'string',
  rich: 'string|null',
  targetKind: 'memoTarget',
  targetGuid: 'guid|null',
  authorGuid: 'guid',
  createdAt: 'string',
  updatedAt: 'string',
};

const VARIABLE_TYPES: readonly VariableType[] = ['text', 'number', 'date', 'boolean'];
const MEMO_TARGETS: readonly MemoTargetKind[] = ['project', 'document', 'code', 'segment'];

export const MANIFEST_DOCUMENT_SHAPE: Shape<BundleManifestDocument> = { guid: 'guid', path: 'string', sha256: 'string' };

export const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** What is wrong with a value: `at` continues the field's path ("" or e.g. ".school"), then the message. */
interface Problem {
  readonly at: string;
  readonly message: string;
}

const problem = (message: string, at = ''): Problem => ({ at, message });

function numberProblem(v: unknown, whole: boolean): Problem | null {
  if (typeof v !== 'number' || !Number.isFinite(v)) return problem('is not a number');
  return whole && !Number.isInteger(v) ? problem('is not a whole number') : null;
}

function entriesProblem(v: unknown, allowNull: boolean): Problem | null {
  if (!isObject(v)) return problem('is not an object');
  for (const [key, value] of Object.entries(v)) {
    if (typeof value !== 'string' && !(allowNull && value === null)) return problem('is not a string', `[${JSON.stringify(key)}]`);
  }
  return null;
}

const TURN_NUMBERS = ['start', 'end', 'labelStart', 'labelEnd'] as const;

function turnsProblem(v: unknown): Problem | null {
  if (!Array.isArray(v)) return problem('is not a list');
  for (const [i, turn] of v.entries()) {
    if (!isObject(turn)) return problem('is not an object', `[${i}]`);
    if (typeof turn.speaker !== 'string') return problem('is not a string', `[${i}].speaker`);
    for (const k of TURN_NUMBERS) {
      const p = numberProblem(turn[k], true);
      if (p) return problem(p.message, `[${i}].${k}`);
    }
  }
  return null;
}

function fieldProblem(kind: FieldKind, v: unknown): Problem | null {
  if (v === undefined) return kind.endsWith('?') ? null : problem('is missing');
  if (v === null && kind.endsWith('|null')) return null;
  switch (kind) {
    case 'guid':
    case 'guid|null':
      return typeof v === 'string' && readGuid(v) !== null ? null : problem('is not a GUID');
    case 'string':
    case 'string|null':
    case 'string?':
      return typeof v === 'string' ? null : problem('is not a string');
    case 'boolean?':
      return typeof v === 'boolean' ? null : problem('is not true or false');
    case 'int':
    case 'int|null':
      return numberProblem(v, true);
    case 'number':
      return numberProblem(v, false);
    case 'strings':
      return entriesProblem(v, false);
    case 'speakerMap':
      return entriesProblem(v, true);
    case 'guids?':
    case 'guids':
      if (!Array.isArray(v)) return problem('is not a list');
      for (const [i, g] of v.entries()) if (typeof g !== 'string' || readGuid(g) === null) return problem('is not a GUID', `[${i}]`);
      return null;
    case 'variableType':
      return VARIABLE_TYPES.includes(v as VariableType) ? null : problem(`is not one of ${VARIABLE_TYPES.join(', ')}`);
    case 'exercise?':
      return exerciseProblem(v);
    case 'phase?':
      if (!isObject(v)) return problem('is not an object');
      if (![1, 2, 3, 4, 5, 6].includes(v.current as number)) return problem('is not a phase 1-6', '.current');
      if (!Array.isArray(v.done) || v.done.some((d) => typeof d !== 'string')) return problem('is not a list of strings', '.done');
      return null;
    case 'totals':
      return totalsProblem(v);
    case 'attemptCodes': {
      if (!Array.isArray(v)) return problem('is not a list');
      for (const [i, c] of v.entries()) {
        const p = totalsProblem(c) ?? (isObject(c) && typeof c.codeGuid === 'string' && readGuid(c.codeGuid) !== null ? null : problem('is not a GUID', '.codeGuid'));
        if (p) return problem(p.message, `[${i}]${p.at}`);
      }
      return null;
    }
    case 'memoTarget':
      return MEMO_TARGETS.includes(v as MemoTargetKind) ? null : problem(`is not one of ${MEMO_TARGETS.join(', ')}`);
    case 'turns':
      return turnsProblem(v);
  }
}

function exerciseProblem(v: unknown): Problem | null {
  if (!isObject(v)) return problem('is not an object');
  if (typeof v.referenceCoderGuid !== 'string' || readGuid(v.referenceCoderGuid) === null) return problem('is not a GUID', '.referenceCoderGuid');
  if (typeof v.instructions !== 'string') return problem('is not a string', '.instructions');
  if (v.instructionsRich !== null && typeof v.instructionsRich !== 'string') return problem('is not a string or null', '.instructionsRich');
  if (v.feedback !== 'per-document' && v.feedback !== 'end') return problem('is not "per-document" or "end"', '.feedback');
  if (typeof v.threshold !== 'number' || !(v.threshold > 0 && v.threshold <= 1)) return problem('is not a number above 0 and at most 1', '.threshold');
  if (typeof v.openCoding !== 'boolean') return problem('is not true or false', '.openCoding');
  return null;
}

function totalsProblem(v: unknown): Problem | null {
  if (!isObject(v)) return problem('is not an object');
  for (const k of ['reference', 'student', 'found', 'extra'] as const) {
    const p = numberProblem(v[k], true);
    if (p) return problem(p.message, `.${k}`);
  }
  for (const k of ['recall', 'precision'] as const) {
    if (v[k] !== null && numberProblem(v[k], false)) return problem('is not a number or null', `.${k}`);
  }
  return null;
}

/** A shape's fields and kinds, listed once per shape rather than once per record (a bundle holds 100,000 records). */
const FIELDS = new WeakMap<object, readonly (readonly [string, FieldKind])[]>();
function fieldsOf<T>(shape: Shape<T>): readonly (readonly [string, FieldKind])[] {
  let fields = FIELDS.get(shape);
  if (!fields) FIELDS.set(shape, (fields = Object.entries(shape) as [string, FieldKind][]));
  return fields;
}

/**
 * Checks a raw record against a shape. Returns the record with its GUIDs normalised (lower case,
 * no braces) and every other field, known or not, as it was; or the problem, at `where`. A record
 * with nothing to normalise (nearly all of them) is returned as it is, not copied: a bundle of W2's
 * size holds 80,000 records.
 */
export function readRecord<T>(raw: unknown, shape: Shape<T>, where: string): { ok: true; record: T } | { ok: false; problem: string } {
  if (!isObject(raw)) return { ok: false, problem: `${where} is not an object` };
  let copy: Record<string, unknown> | null = null;
  const set = (field: string, value: unknown) => {
    (copy ??= { ...raw })[field] = value;
  };
  for (const [field, kind] of fieldsOf(shape)) {
    const value = raw[field];
    if ((kind === 'guid' || kind === 'guid|null') && typeof value === 'string') {
      // a GUID is checked in the form it is kept in (lower case, no braces), and kept so
      const guid = readGuid(value);
      if (guid === null) return { ok: false, problem: `${where}.${field} is not a GUID` };
      if (guid !== value) set(field, guid);
      continue;
    }
    const p = fieldProblem(kind, value);
    if (p) return { ok: false, problem: `${where}.${field}${p.at} ${p.message}` };
    if ((kind === 'guids' || kind === 'guids?') && Array.isArray(value)) set(field, (value as string[]).map(normalizeGuid));
    if (kind === 'exercise?' && isObject(value)) set(field, { ...value, referenceCoderGuid: normalizeGuid(value.referenceCoderGuid as string) });
  }
  return { ok: true, record: (copy ?? raw) as T };
}

/**
 * The code tree as REFI-QDA `Code` elements, in a `.qdc` codebook or a project's `CodeBook`, and
 * the code names other tools need: QualCoder matches codes by name (refi.py `sub_codes`: a second
 * code of the same name is merged into the first, and its codings lose their code), so two codes
 * of the same name are reported, and can be written under their paths instead.
 */
import { ancestors, childrenOf, isValidColor } from '../../domain/codebook';
import type { Code, Guid } from '../../domain/model';
import { element, textElement } from './xml';

const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const ORIGIN = 'Markeer';

/** Between the names of a code's path in a unique name: "Parent A / Kind". */
export const PATH_SEPARATOR = ' / ';

/** The names to write for the codes, and what the user should know about them. */
export interface CodeNames {
  /** Per code GUID, the name written. */
  readonly names: ReadonlyMap<Guid, string>;
  /** One line per name that several codes share: which codes, and what was done. */
  readonly report: readonly string[];
}

const codePath = (codes: readonly Code[], code: Code): string => [...ancestors(codes, code.guid).map((a) => a.name), code.name].join(PATH_SEPARATOR);

/**
 * Each code's name, and the names several codes share (ignoring case and surrounding space).
 * With `unique`, those codes are written under their path ("Parent A / Kind", numbered when even
 * the paths are the same); other codes keep their names.
 */
export function codeNames(codes: readonly Code[], unique: boolean): CodeNames {
  const names = new Map(codes.map((c) => [c.guid, c.name]));
  const byName = new Map<string, Code[]>();
  for (const code of codes) {
    const key = code.name.trim().toLowerCase();
    const list = byName.get(key);
    if (list) list.push(code);
    else byName.set(key, [code]);
  }
  const shared = [...byName.values()].filter((list) => list.length > 1);
  const used = new Set(codes.filter((c) => (byName.get(c.name.trim().toLowerCase())?.length ?? 0) < 2).map((c) => c.name.toLowerCase()));
  const report: string[] = [];
  for (const list of shared) {
    const rows = list.map((code) => ({ code, path: codePath(codes, code) })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.code.guid < b.code.guid ? -1 : 1));
    const what = `${rows.length} codes named “${rows[0]!.code.name.trim()}” (${rows.map((r) => r.path).join('; ')})`;
    if (!unique) {
      report.push(`${what}: tools that match codes by name, such as QualCoder, merge them into one and lose codings; export with unique code names to keep them apart`);
      continue;
    }
    const written = rows.map(({ code, path }) => {
      let name = path;
      for (let n = 2; used.has(name.toLowerCase()); n++) name = `${path} (${n})`;
      used.add(name.toLowerCase());
      names.set(code.guid, name);
      return name;
    });
    report.push(`${what}: written as ${written.map((n) => `“${n}”`).join(', ')}`);
  }
  return { names, report };
}

/**
 * The code tree, nested. A code with children that is never applied directly is a grouping and is
 * written `isCodable="false"` (README: categories exported as codable get duplicated on re-import).
 */
export function codeElements(
  codes: readonly Code[],
  applied: ReadonlySet<Guid>,
  names: ReadonlyMap<Guid, string>,
  noteRefs: (code: Code) => string[] = () => [],
): string[] {
  const seen = new Set<Guid>();
  const write = (code: Code): string => {
    seen.add(code.guid);
    const children = childrenOf(codes, code.guid).filter((c) => !seen.has(c.guid));
    const codable = children.length === 0 || applied.has(code.guid);
    const body = [code.definition ? textElement('Description', code.definition) : '', ...noteRefs(code), ...children.map(write)];
    return element(
      'Code',
      [
        ['guid', code.guid],
        ['name', names.get(code.guid) ?? code.name],
        ['isCodable', codable],
        ['color', isValidColor(code.color) ? code.color.toLowerCase() : undefined],
      ],
      body,
    );
  };
  const known = new Set(codes.map((c) => c.guid));
  // A code whose parent is missing is written at top level.
  const roots = codes.filter((c) => c.parentGuid === null || !known.has(c.parentGuid)).map((c) => ({ ...c, parentGuid: null }));
  const out = childrenOf(roots, null).map(write);
  // Codes in a parent cycle are not reachable from a root: write them at top level.
  for (const code of codes) if (!seen.has(code.guid)) out.push(write({ ...code, parentGuid: null }));
  return out;
}

export interface CodebookOptions {
  /** Write codes whose name another code shares under their path ("Parent A / Kind"). */
  readonly uniqueCodeNames?: boolean;
}

/**
 * A `.qdc` codebook: the code tree alone, valid against Codebook.xsd. A parent code is a grouping
 * (`isCodable="false"`) unless its GUID is in `appliedCodeGuids`. `codeNames(codes, …).report`
 * says which names several codes share.
 */
export function exportQdc(codes: readonly Code[], appliedCodeGuids: ReadonlySet<Guid> = new Set(), options: CodebookOptions = {}): string {
  const body = codeElements(codes, appliedCodeGuids, codeNames(codes, options.uniqueCodeNames ?? false).names);
  const codesXml = element('Codes', [], body);
  return `<?xml version="1.0" encoding="utf-8"?>\n${element('CodeBook', [['xmlns', CODEBOOK_NS], ['origin', ORIGIN]], codesXml)}\n`;
}

/**
 * Built-in codebook templates (files in ./templates, format "codebook-template/1") and the codes a
 * new project gets from one.
 *
 * Template codes keep their GUIDs in every project. That is intended: bundles from several coders
 * who started from the same template then match codes by GUID. Storage keys codes by
 * [projectGuid+guid], so the same GUID in two projects does not collide.
 */
import { assert, fail, ok, type Result } from './assert';
import { flattenTree, isValidColor, shadeOf } from './codebook';
import { isGuid } from './ids';
import type { Code, Guid } from './model';
import partnerschapPo from './templates/partnerschap-po.json';
import veerkrachtPartnerschap from './templates/veerkracht-partnerschap.json';

export type Language = 'nl' | 'en';
const LANGUAGES: readonly Language[] = ['nl', 'en'];

/** Text in every interface language. */
export type Translated = Readonly<Record<Language, string>>;

export interface TemplateCode {
  readonly guid: Guid;
  readonly slug: string;
  readonly name: Translated;
  readonly definition: Translated;
  /** "#rrggbb"; without it the code takes a shade of its parent's colour. */
  readonly color?: string;
  readonly children: readonly TemplateCode[];
}

export interface CodebookTemplate {
  readonly format: 'codebook-template/1';
  readonly slug: string;
  readonly title: Translated;
  /** Where the codebook comes from (English), for attribution. */
  readonly source: string;
  readonly codes: readonly TemplateCode[];
}

export interface TemplateInfo {
  readonly slug: string;
  readonly title: Translated;
  readonly source: string;
}

export const DEFAULT_TEMPLATE = 'veerkracht-partnerschap';

/** Colour of a top-level code that has none: a neutral grey-blue. */
export const NEUTRAL_CODE_COLOR = '#607d8b';

export type TemplateFailure = 'template-invalid';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Checks an untrusted value (parsed JSON) against format "codebook-template/1". On failure the
 * detail names the offending place, e.g. "codes[0].children[2].name.en".
 */
export function parseCodebookTemplate(value: unknown): Result<CodebookTemplate, TemplateFailure> {
  const problem = (where: string, what: string) => fail('template-invalid' as const, `${where}: ${what}`);
  if (!isRecord(value)) return problem('template', 'not an object');
  if (value.format !== 'codebook-template/1') return problem('format', 'expected "codebook-template/1"');
  if (typeof value.slug !== 'string' || value.slug === '') return problem('slug', 'missing');
  const title = readTranslated(value.title);
  if (!title) return problem('title', 'needs text in nl and en');
  if (!Array.isArray(value.codes)) return problem('codes', 'not a list');

  const seen = new Set<Guid>();
  const readCodes = (list: readonly unknown[], path: string): Result<TemplateCode[], TemplateFailure> => {
    const codes: TemplateCode[] = [];
    for (const [i, raw] of list.entries()) {
      const where = `${path}[${i}]`;
      if (!isRecord(raw)) return problem(where, 'not an object');
      if (!isGuid(raw.guid)) return problem(`${where}.guid`, 'not a lower-case GUID');
      if (seen.has(raw.guid)) return problem(`${where}.guid`, `duplicate ${raw.guid}`);
      seen.add(raw.guid);
      if (typeof raw.slug !== 'string' || raw.slug === '') return problem(`${where}.slug`, 'missing');
      const name = readTranslated(raw.name);
      if (!name) return problem(`${where}.name`, 'needs text in nl and en');
      const definition = readTranslated(raw.definition ?? { nl: '', en: '' });
      if (!definition) return problem(`${where}.definition`, 'needs text in nl and en');
      if (raw.color !== undefined && !isValidColor(raw.color)) return problem(`${where}.color`, 'not "#rrggbb"');
      const rawChildren = raw.children ?? [];
      if (!Array.isArray(rawChildren)) return problem(`${where}.children`, 'not a list');
      const children = readCodes(rawChildren, `${where}.children`);
      if (!children.ok) return children;
      codes.push({
        guid: raw.guid,
        slug: raw.slug,
        name,
        definition,
        ...(raw.color === undefined ? {} : { color: String(raw.color).toLowerCase() }),
        children: children.value,
      });
    }
    return ok(codes);
  };

  const codes = readCodes(value.codes, 'codes');
  if (!codes.ok) return codes;
  return ok({
    format: 'codebook-template/1',
    slug: value.slug,
    title,
    source: typeof value.source === 'string' ? value.source : '',
    codes: codes.value,
  });
}

function readTranslated(value: unknown): Translated | null {
  if (!isRecord(value)) return null;
  const { nl, en } = value;
  if (typeof nl !== 'string' || typeof en !== 'string') return null;
  return { nl, en };
}

function builtIn(value: unknown): CodebookTemplate {
  const parsed = parseCodebookTemplate(value);
  assert(parsed.ok, `built-in codebook template is valid (${parsed.ok ? '' : parsed.detail})`);
  return parsed.value;
}

const BUILT_IN: readonly CodebookTemplate[] = [builtIn(veerkrachtPartnerschap), builtIn(partnerschapPo)];

export const TEMPLATES: readonly TemplateInfo[] = BUILT_IN.map(({ slug, title, source }) => ({ slug, title, source }));

export function isTemplateSlug(slug: unknown): slug is string {
  return typeof slug === 'string' && BUILT_IN.some((template) => template.slug === slug);
}

export function getTemplate(slug: string): CodebookTemplate | undefined {
  return BUILT_IN.find((template) => template.slug === slug);
}

/**
 * The codes of a new project started from template `slug`, names and definitions in `lang`,
 * parents before children. Template GUIDs are kept (see the file comment).
 */
export function codesFromTemplate(slug: string, lang: Language, projectGuid: Guid): Code[] {
  assert(LANGUAGES.includes(lang), `known language ${String(lang)}`);
  const template = getTemplate(slug);
  assert(template, `known codebook template ${slug}`);
  return codesOf(template, lang, projectGuid);
}

/** The codes of a template already read (built in or parsed from a file). */
export function codesOf(template: CodebookTemplate, lang: Language, projectGuid: Guid): Code[] {
  const codes: Code[] = [];
  const add = (list: readonly TemplateCode[], parentGuid: Guid | null, parentColor: string | null): void => {
    let uncoloured = 0;
    list.forEach((item, order) => {
      const color = item.color ?? (parentColor === null ? NEUTRAL_CODE_COLOR : shadeOf(parentColor, uncoloured++));
      codes.push({
        guid: item.guid,
        projectGuid,
        parentGuid,
        name: item.name[lang],
        color,
        definition: item.definition[lang],
        order,
        shortcut: null,
      });
      add(item.children, item.guid, color);
    });
  };
  add(template.codes, null, null);
  return codes;
}

/** The codebook of a project started without a template. */
export function emptyCodebook(): Code[] {
  return [];
}

/**
 * The codes with the keys 1 to 9 on the first nine codes one applies, in codebook order: codes
 * without sub-codes (a parent groups its codes; its own key would rarely be used). What a new
 * project from a template starts with; the user changes keys in the codebook.
 */
export function withFirstShortcuts(codes: readonly Code[]): Code[] {
  const parents = new Set(codes.flatMap((c) => (c.parentGuid ? [c.parentGuid] : [])));
  const keyed = new Map<Guid, number>();
  for (const { code } of flattenTree(codes)) {
    if (keyed.size === 9) break;
    if (!parents.has(code.guid)) keyed.set(code.guid, keyed.size + 1);
  }
  return codes.map((c) => ({ ...c, shortcut: keyed.get(c.guid) ?? null }));
}

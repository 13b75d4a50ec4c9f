import { flattenTree } from './codebook';
import { isGuid } from './ids';
import type { Code } from './model';
import {
  codesFromTemplate,
  codesOf,
  DEFAULT_TEMPLATE,
  emptyCodebook,
  getTemplate,
  isTemplateSlug,
  NEUTRAL_CODE_COLOR,
  parseCodebookTemplate,
  TEMPLATES,
  withFirstShortcuts,
} from './templates';

const PROJECT = '11111111-1111-4111-8111-111111111111';
const OTHER_PROJECT = '22222222-2222-4222-8222-222222222222';

const byGuid = (codes: readonly Code[]) => new Map(codes.map((c) => [c.guid, c]));

describe('TEMPLATES', () => {
  it('lists both built-in templates with a title in Dutch and English', () => {
    expect(TEMPLATES.map((t) => t.slug)).toEqual(['veerkracht-partnerschap', 'partnerschap-po']);
    for (const template of TEMPLATES) {
      expect(template.title.nl).not.toBe('');
      expect(template.title.en).not.toBe('');
    }
  });

  it('has the resilience codebook as default', () => {
    expect(DEFAULT_TEMPLATE).toBe('veerkracht-partnerschap');
    expect(isTemplateSlug(DEFAULT_TEMPLATE)).toBe(true);
    expect(isTemplateSlug('nope')).toBe(false);
  });
});

describe.each(TEMPLATES.map((t) => t.slug))('codesFromTemplate(%s)', (slug) => {
  const nl = codesFromTemplate(slug, 'nl', PROJECT);
  const en = codesFromTemplate(slug, 'en', PROJECT);

  it('keeps the template GUIDs in every project', () => {
    const other = codesFromTemplate(slug, 'nl', OTHER_PROJECT);
    expect(other.map((c) => c.guid)).toEqual(nl.map((c) => c.guid));
    expect(new Set(nl.map((c) => c.guid)).size).toBe(nl.length);
    for (const c of nl) expect(isGuid(c.guid)).toBe(true);
    expect(other.every((c) => c.projectGuid === OTHER_PROJECT)).toBe(true);
  });

  it('links every code to a parent listed before it', () => {
    const seen = new Set<string>();
    for (const c of nl) {
      if (c.parentGuid !== null) expect(seen.has(c.parentGuid)).toBe(true);
      seen.add(c.guid);
    }
  });

  it('numbers siblings 0, 1, 2, ... in template order', () => {
    const siblings = new Map<string | null, number[]>();
    for (const c of nl) siblings.set(c.parentGuid, [...(siblings.get(c.parentGuid) ?? []), c.order]);
    for (const orders of siblings.values()) expect(orders).toEqual(orders.map((_, i) => i));
  });

  it('keeps the template tree shape in display order', () => {
    expect(flattenTree(nl).map((row) => row.code.guid)).toEqual(nl.map((c) => c.guid));
  });

  it('takes names and definitions in the chosen language', () => {
    const template = getTemplate(slug);
    const first = template?.codes[0];
    expect(nl[0]?.name).toBe(first?.name.nl);
    expect(en[0]?.name).toBe(first?.name.en);
    expect(en[0]?.definition).toBe(first?.definition.en);
    expect(nl.some((c, i) => c.name !== en[i]?.name)).toBe(true);
  });

  it('gives every code a lower-case "#rrggbb" colour and no shortcut', () => {
    for (const c of [...nl, ...en]) {
      expect(c.color).toMatch(/^#[0-9a-f]{6}$/);
      expect(c.shortcut).toBeNull();
    }
  });

  it('gives uncoloured codes distinct shades of their parent colour', () => {
    const codes = byGuid(nl);
    const template = getTemplate(slug);
    const coloured = new Set<string>();
    const walk = (list: NonNullable<typeof template>['codes']) => {
      for (const item of list) {
        if (item.color) coloured.add(item.guid);
        walk(item.children);
      }
    };
    walk(template?.codes ?? []);
    for (const c of nl) {
      if (coloured.has(c.guid) || c.parentGuid === null) continue;
      const parent = codes.get(c.parentGuid);
      expect(c.color).not.toBe(parent?.color);
      const siblings = nl.filter((s) => s.parentGuid === c.parentGuid && s.guid !== c.guid);
      for (const sibling of siblings) expect(c.color).not.toBe(sibling.color);
    }
  });

  it('builds the same codes every time', () => {
    expect(codesFromTemplate(slug, 'nl', PROJECT)).toEqual(nl);
  });
});

describe('codesFromTemplate colours', () => {
  it('keeps the colours the template gives', () => {
    const codes = byGuid(codesFromTemplate('veerkracht-partnerschap', 'nl', PROJECT));
    // "Cognitief reageren" is #1f77b4 in the template.
    expect(codes.get('53c39dce-4f56-552d-9f04-e34a84a7c596')?.color).toBe('#1f77b4');
  });

  it('gives a top-level code without colour a neutral grey-blue', () => {
    const codes = byGuid(codesFromTemplate('veerkracht-partnerschap', 'nl', PROJECT));
    // "Veerkracht" has no colour in the template.
    expect(codes.get('3fa45aae-341c-546c-99c4-6b0b557fc4fb')?.color).toBe(NEUTRAL_CODE_COLOR);
  });

  it('shades grandchildren from the derived colour of their parent', () => {
    const template = parseCodebookTemplate({
      format: 'codebook-template/1',
      slug: 't',
      title: { nl: 'T', en: 'T' },
      codes: [
        {
          guid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
          slug: 'a',
          name: { nl: 'A', en: 'A' },
          definition: { nl: '', en: '' },
          color: '#D62728',
          children: [
            {
              guid: 'bbbbbbbb-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
              slug: 'b',
              name: { nl: 'B', en: 'B' },
              definition: { nl: '', en: '' },
              children: [{ guid: 'cccccccc-cccc-4ccc-8ccc-cccccccccccc', slug: 'c', name: { nl: 'C', en: 'C' }, definition: { nl: '', en: '' } }],
            },
          ],
        },
      ],
    });
    if (!template.ok) throw new Error(template.detail);
    const [a, b, c] = codesOf(template.value, 'en', PROJECT);
    expect(a?.color).toBe('#d62728');
    expect(new Set([a?.color, b?.color, c?.color]).size).toBe(3);
  });
});

describe('codesFromTemplate failures', () => {
  it('treats an unknown template as a bug', () => {
    expect(() => codesFromTemplate('nope', 'nl', PROJECT)).toThrow(/known codebook template/);
  });
});

describe('parseCodebookTemplate', () => {
  const valid = {
    format: 'codebook-template/1',
    slug: 't',
    title: { nl: 'T', en: 'T' },
    codes: [{ guid: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa', slug: 'a', name: { nl: 'A', en: 'A' }, definition: { nl: '', en: '' } }],
  };

  it('accepts a minimal template', () => {
    expect(parseCodebookTemplate(valid).ok).toBe(true);
  });

  it('says where a template is damaged', () => {
    const damaged = { ...valid, codes: [{ ...valid.codes[0], name: { nl: 'A' } }] };
    expect(parseCodebookTemplate(damaged)).toEqual({ ok: false, reason: 'template-invalid', detail: 'codes[0].name: needs text in nl and en' });
  });

  it('refuses another format, a bad colour and a repeated GUID', () => {
    expect(parseCodebookTemplate({ ...valid, format: 'x' }).ok).toBe(false);
    expect(parseCodebookTemplate({ ...valid, codes: [{ ...valid.codes[0], color: 'red' }] }).ok).toBe(false);
    expect(parseCodebookTemplate({ ...valid, codes: [valid.codes[0], valid.codes[0]] }).ok).toBe(false);
  });
});

describe('emptyCodebook', () => {
  it('has no codes', () => {
    expect(emptyCodebook()).toEqual([]);
  });
});

describe('withFirstShortcuts', () => {
  it('gives the keys 1 to 9 to the first nine codes without sub-codes, in codebook order', () => {
    const codes = withFirstShortcuts(codesFromTemplate(DEFAULT_TEMPLATE, 'nl', PROJECT));
    const keyed = flattenTree(codes).filter(({ code }) => code.shortcut !== null);
    expect(keyed.map(({ code }) => code.shortcut)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const parents = new Set(codes.map((c) => c.parentGuid));
    expect(keyed.every(({ code }) => !parents.has(code.guid))).toBe(true);
    // The first leaf in the tree has key 1.
    const firstLeaf = flattenTree(codes).find(({ code }) => !parents.has(code.guid));
    expect(firstLeaf?.code.shortcut).toBe(1);
  });

  it('keys as many codes as there are, up to nine', () => {
    const two = codesFromTemplate(DEFAULT_TEMPLATE, 'en', PROJECT).slice(0, 1);
    expect(withFirstShortcuts(two).map((c) => c.shortcut)).toEqual([1]);
    expect(withFirstShortcuts([])).toEqual([]);
  });
});

/**
 * XML both ways, reduced to what REFI-QDA needs. Reading matches elements and attributes by local
 * name whatever the namespace (vendors write `urn:QDA-XML:codebook:0:4` and others); writing puts
 * everything in the default namespace with escaped attributes, so that line breaks in a `name`
 * survive attribute normalisation.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { fail, ok, type Result } from '../../domain/assert';
import { doctypeLine, doctypeMessage } from '../doctype';

export interface XmlElement {
  /** Local name, prefix removed. */
  readonly name: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own text content (concatenated text nodes), entities resolved. */
  readonly text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Also decodes numeric character references (&#10; in attributes), which processEntities alone leaves.
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: '#comment',
});

type Ordered = Record<string, unknown>;

function toElement(node: Ordered): XmlElement | null {
  const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#') && !k.startsWith('?'));
  if (name === undefined) return null;
  const rawAttrs = (node[':@'] ?? {}) as Record<string, unknown>;
  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) {
    const local = k.includes(':') ? k.slice(k.indexOf(':') + 1) : k;
    if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
    attrs[local] = String(v);
  }
  const children: XmlElement[] = [];
  let text = '';
  for (const child of (node[name] ?? []) as Ordered[]) {
    if (typeof child['#text'] === 'string' || typeof child['#text'] === 'number') text += String(child['#text']);
    else {
      const el = toElement(child);
      if (el) children.push(el);
    }
  }
  return { name, attrs, children, text };
}

/**
 * The root element of an XML text, or where and why it is not well-formed. A document type
 * declaration is refused before anything parses it (doctype.ts): REFI-QDA has no use for one.
 */
export function parseXml(fileName: string, xml: string): Result<XmlElement, 'refi-xml-invalid' | 'refi-doctype'> {
  const doctype = doctypeLine(xml);
  if (doctype !== undefined) return fail('refi-doctype', doctypeMessage(fileName, doctype));
  const check = XMLValidator.validate(xml);
  if (check !== true) return fail('refi-xml-invalid', `${fileName}, line ${check.err.line}: ${check.err.msg}`);
  let parsed: Ordered[];
  try {
    parsed = parser.parse(xml) as Ordered[];
  } catch (e) {
    return fail('refi-xml-invalid', `${fileName}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const roots = parsed.map(toElement).filter((e): e is XmlElement => e !== null);
  const root = roots[0];
  if (!root) return fail('refi-xml-invalid', `${fileName}: no root element`);
  return ok(root);
}

/** The children with a local name, compared without case (vendors differ in case rarely, but they do). */
export const childrenNamed = (el: XmlElement, name: string): XmlElement[] =>
  el.children.filter((c) => c.name.toLowerCase() === name.toLowerCase());

export const child = (el: XmlElement, name: string): XmlElement | undefined => childrenNamed(el, name)[0];

/** An attribute by local name, any case. */
export function attr(el: XmlElement, name: string): string | undefined {
  if (name in el.attrs) return el.attrs[name];
  const lower = name.toLowerCase();
  for (const [k, v] of Object.entries(el.attrs)) if (k.toLowerCase() === lower) return v;
  return undefined;
}

/** Characters XML 1.0 cannot carry at all (control characters other than tab, LF, CR; lone surrogates). */
// eslint-disable-next-line no-control-regex
export const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export const hasNonXml = (s: string): boolean => s.search(NOT_XML) !== -1;

/** Text content: &, < and > escaped; CR as a reference so that it is not turned into LF. */
export const escapeText = (s: string): string =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');

/** Attribute value: also quotes, and tab, LF, CR as references (a parser turns them into spaces otherwise). */
export const escapeAttr = (s: string): string =>
  escapeText(s).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

export type Attrs = ReadonlyArray<readonly [string, string | number | boolean | undefined]>;

/** One element as text: attributes in the given order, undefined ones left out; no children: self-closing. */
export function element(name: string, attrs: Attrs, body: string | string[] = ''): string {
  const a = attrs
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${escapeAttr(String(v))}"`)
    .join('');
  const content = Array.isArray(body) ? body.join('') : body;
  return content === '' ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}

/** A container holding at least one child, or nothing: the schema forbids empty containers. */
export const container = (name: string, items: string[]): string => (items.length === 0 ? '' : `<${name}>${items.join('')}</${name}>`);

export const textElement = (name: string, text: string): string => `<${name}>${escapeText(text)}</${name}>`;

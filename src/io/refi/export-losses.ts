/**
 * What a `.qdpx` cannot carry of the project's texts: XML 1.0 holds no control characters but
 * tab, LF and CR, and no lone surrogates (escapeText drops them), and UTF-8 text files hold no
 * lone surrogates (TextEncoder writes U+FFFD). Every field that loses a character is listed: which
 * record, which field, and which characters.
 */
import type { ProjectData } from '../../domain/project-data';
import { variableList } from '../../domain/variables';
import { noteFilePath } from './export-notes';
import { firstCodePoints } from './naming';
import { NOT_XML } from './xml';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Longest record name shown in a loss, in code points. */
const SHOWN = 60;

const codePoint = (ch: string): string => `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The distinct characters of `text` that `pattern` matches, as U+XXXX, in order of first appearance. */
function dropped(text: string, pattern: RegExp): string[] {
  return [...new Set(text.match(pattern) ?? [])].map(codePoint);
}

/** A record's name as the list shows it: without the characters that are dropped, shortened. */
function shown(name: string): string {
  const clean = name.replace(NOT_XML, '');
  const short = firstCodePoints(clean, SHOWN);
  return short.length < clean.length ? `${short}…` : short;
}

/**
 * One line per field that loses characters, e.g. `the name of code “Contact”: U+0001 dropped
 * (XML cannot hold it)`. `field` is the field in words, `record` the kind and name of its record.
 */
export function unwritableCharacters(data: ProjectData, notesInFiles: ReadonlySet<string>): string[] {
  const lost: string[] = [];
  const check = (field: string, record: string, text: string, inFile = false) => {
    const chars = dropped(text, inFile ? LONE_SURROGATE : NOT_XML);
    if (chars.length === 0) return;
    const why = inFile ? 'a UTF-8 text file cannot hold' : 'XML cannot hold';
    lost.push(`the ${field} of ${record}: ${chars.join(', ')} dropped (${why} ${chars.length === 1 ? 'it' : 'them'})`);
  };
  const named = (kind: string, name: string) => `${kind} “${shown(name)}”`;
  check('name', 'the project', data.project.name);
  for (const c of data.coders) check('name', named('coder', c.name), c.name);
  for (const d of data.documents) check('name', named('document', d.name), d.name);
  const documentNames = new Map(data.documents.map((d) => [d.guid, d.name]));
  for (const t of data.texts) check('text', named('document', documentNames.get(t.documentGuid) ?? t.documentGuid), t.text, true);
  for (const c of data.codes) {
    check('name', named('code', c.name), c.name);
    check('definition', named('code', c.name), c.definition);
  }
  for (const s of data.segments) check('comment', `the segment “${shown(s.text)}” in ${named('document', documentNames.get(s.documentGuid) ?? '')}`, s.comment);
  for (const v of variableList(data.project.guid, data.variables, data.documents)) check('name', named('variable', v.name), v.name);
  for (const d of data.documents) {
    for (const [name, value] of Object.entries(d.variables)) check(`value of variable “${shown(name)}”`, named('document', d.name), value);
  }
  for (const g of data.groups) {
    check('name', named('document group', g.name), g.name);
    check('description', named('document group', g.name), g.description);
  }
  for (const m of data.memos) {
    const memo = named('memo', m.title || m.text);
    check('title', memo, m.title);
    check('text', memo, m.text, notesInFiles.has(noteFilePath(m.guid)));
  }
  for (const t of data.themes) {
    check('name', named('theme', t.name), t.name);
    check('definition', named('theme', t.name), t.definition);
    check('scope note', named('theme', t.name), t.scopeNote);
  }
  return lost;
}

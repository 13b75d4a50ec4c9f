/**
 * How Markeer names and identifies what it writes, shared by export and import so that a file
 * reads back as it was written: derived GUIDs, note names (unique, as QualCoder needs them), and a
 * document's memos gathered into its `Description`.
 */
import type { Guid } from '../../domain/model';
import { hasNonXml } from './xml';

/**
 * A name-based (version 5, SHA-1) GUID, so that derived records keep their GUID across exports.
 * A segment's comment is written as the Note derivedGuid(segment, 'comment'): that is how import
 * tells Markeer's comments from memos.
 */
export async function derivedGuid(namespace: Guid, name: string): Promise<Guid> {
  const ns = namespace.replace(/-/g, '');
  const bytes = new Uint8Array(16 + new TextEncoder().encode(name).length);
  for (let i = 0; i < 16; i++) bytes[i] = Number.parseInt(ns.slice(2 * i, 2 * i + 2), 16);
  bytes.set(new TextEncoder().encode(name), 16);
  const hash = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-1', bytes));
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = [...hash.slice(0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** The first `max` code points of a text, never cutting a surrogate pair. */
export function firstCodePoints(text: string, max: number): string {
  let out = '';
  let n = 0;
  for (const ch of text) {
    if (n++ === max) break;
    out += ch;
  }
  return out;
}

/**
 * The name written for a memo without a title (other tools show notes by name): its first line.
 * Import reads a note of exactly this name back as untitled.
 */
export function untitledNoteName(text: string): string {
  return firstCodePoints(text.trim().split('\n')[0] ?? '', 60).trim() || 'Memo';
}

/** The name a memo's note carries: its title, or its first line when it has none. */
export const noteName = (memo: { readonly title: string; readonly text: string }): string => memo.title || untitledNoteName(memo.text);

/**
 * Names made unique ignoring case, in order: a repeated name gets " (2)", " (3)"... QualCoder
 * turns every note with a `plainTextPath` into a journal, and a second journal of the same name
 * stops its import (refi.py `parse_notes`: `randint(100-999)` raises); other tools list notes by
 * name too. `renamed[i]` tells which names changed: their note keeps the name in its Description.
 */
export function uniqueNames(names: readonly string[]): { names: string[]; renamed: boolean[] } {
  const taken = new Set(names.map((n) => n.toLowerCase()));
  const used = new Set<string>();
  const out: string[] = [];
  const renamed: boolean[] = [];
  for (const name of names) {
    let candidate = name;
    // A number never gives a name that another note has as written: that one keeps it.
    for (let n = 2; used.has(candidate.toLowerCase()) || (candidate !== name && taken.has(candidate.toLowerCase())); n++) candidate = `${name} (${n})`;
    used.add(candidate.toLowerCase());
    out.push(candidate);
    renamed.push(candidate !== name);
  }
  return { names: out, renamed };
}

/**
 * A note's name before uniqueNames numbered it: when the note's Description holds `base` and its
 * name is `base (n)`, the name is `base`; otherwise the name as written.
 */
export function unnumberedName(written: string, description: string | undefined): string {
  if (description === undefined || description === '' || !written.startsWith(`${description} (`)) return written;
  return /^\d+\)$/.test(written.slice(description.length + 2)) ? description : written;
}

/**
 * A document's memos as one text for its TextSource `Description`, where QualCoder reads a
 * document's memo (refi.py `load_text_source`): each memo's text, after its title when it has one
 * of its own, separated by blank lines. Import compares with it to tell this copy from a
 * Description of another tool.
 */
export function documentDescription(memos: readonly { readonly title: string; readonly text: string }[]): string {
  return memos
    .map((m) => {
      const name = noteName(m);
      return name === untitledNoteName(m.text) ? m.text : `${name}\n${m.text}`;
    })
    .join('\n\n');
}

/** A text as XML gives it back: characters XML cannot hold dropped, line ends as LF. */
export function asXmlReadsIt(text: string): string {
  const lf = text.replace(/\r\n?/g, '\n');
  return hasNonXml(lf) ? [...lf].filter((ch) => !hasNonXml(ch)).join('') : lf;
}

/**
 * Reading the container leniently (README "Container"): a `.qdpx` zip with the single `*.qde` at
 * its root whatever its name, `sources/` or `Sources/` or any case, stored or deflated entries,
 * `internal://` or bare paths; a `.qde` or `.qdc` alone. Bytes are decoded here, byte-order marks
 * are kept in the decoded text (positions may count them; positions.ts decides).
 */
import JSZip from 'jszip';
import { fail, ok, type Result } from '../../domain/assert';
import type { RefiFailure } from './types';
import { parseXml, type XmlElement } from './xml';

export interface RefiContainer {
  readonly root: XmlElement;
  /** Name of the XML file read, for messages. */
  readonly xmlName: string;
  /** Files of the zip by lower-case path with "/" separators; empty for a bare .qde or .qdc. */
  readonly files: ReadonlyMap<string, { readonly name: string; readonly bytes: Uint8Array }>;
  readonly isZip: boolean;
}

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6));
}

function describeStart(bytes: Uint8Array): string {
  if (bytes.length === 0) return 'the file is empty';
  const head = [...bytes.slice(0, 8)].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
  return `${bytes.length} bytes, starting with "${head}"`;
}

/**
 * Text bytes as a string. A byte-order mark (UTF-8, UTF-16 LE or BE) decides the encoding and is
 * kept as U+FEFF at the start; without one, UTF-8, else `fallback` (declared XML encoding or
 * Windows-1252). `lossy` tells that the fallback was used.
 */
export function decodeText(bytes: Uint8Array, fallback = 'windows-1252'): { text: string; lossy: boolean } {
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) return { text: new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes), lossy: false };
  if (b0 === 0xfe && b1 === 0xff) return { text: new TextDecoder('utf-16be', { ignoreBOM: true }).decode(bytes), lossy: false };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes), lossy: false };
  } catch {
    let decoder: TextDecoder;
    try {
      decoder = new TextDecoder(fallback, { ignoreBOM: true });
    } catch {
      decoder = new TextDecoder('windows-1252');
    }
    return { text: decoder.decode(bytes), lossy: true };
  }
}

/** An XML file's text: byte-order mark dropped (some tools put one before `<?xml`), declared encoding honoured. */
function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.slice(0, 200));
  const declared = /encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
  const fallback = declared && declared !== 'utf-8' && declared !== 'utf8' ? declared : 'windows-1252';
  return decodeText(bytes, fallback).text.replace(/^\ufeff+/, '');
}

const extensionOf = (name: string): string => /\.([^./\\]+)$/.exec(name)?.[1]?.toLowerCase() ?? '';

/** The REFI-QDA content of a file: its XML root and, for a zip, its other files. */
export async function readContainer(fileName: string, bytes: Uint8Array): Promise<Result<RefiContainer, RefiFailure>> {
  const ext = extensionOf(fileName);
  if (!looksLikeZip(bytes)) {
    if (ext === 'qdpx') return fail('refi-not-zip', describeStart(bytes));
    const root = parseXml(fileName, decodeXml(bytes));
    if (!root.ok) {
      if (ext !== 'qde' && ext !== 'qdc') return fail('refi-unknown-file', describeStart(bytes));
      return root;
    }
    return ok({ root: root.value, xmlName: fileName, files: new Map(), isZip: false });
  }
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  } catch (e) {
    return fail('refi-damaged', message(e));
  }
  const files = new Map<string, { name: string; bytes: Uint8Array }>();
  for (const entry of Object.values(zip.files)) {
    if (entry.dir) continue;
    try {
      const name = entry.name.replace(/\\/g, '/').replace(/^\.?\//, '');
      files.set(name.toLowerCase(), { name, bytes: await entry.async('uint8array') });
    } catch (e) {
      return fail('refi-damaged', `${entry.name}: ${message(e)}`);
    }
  }
  const qdes = [...files.values()].filter((f) => !f.name.includes('/') && extensionOf(f.name) === 'qde');
  if (qdes.length === 0) {
    const names = [...files.values()].map((f) => f.name).slice(0, 10);
    return fail('refi-no-qde', names.length === 0 ? 'the zip is empty' : `the zip holds ${names.join(', ')}`);
  }
  if (qdes.length > 1) return fail('refi-several-qde', qdes.map((f) => f.name).join(', '));
  const qde = qdes[0]!;
  const root = parseXml(qde.name, decodeXml(qde.bytes));
  if (!root.ok) return root;
  return ok({ root: root.value, xmlName: qde.name, files, isZip: true });
}

/**
 * A file the project refers to (`internal://<guid>.txt`, a bare `board_2017.txt`, `Sources\x.txt`),
 * found in the zip whatever the case of its folder and name; undefined when absent.
 */
export function findFile(container: RefiContainer, reference: string): { name: string; bytes: Uint8Array } | undefined {
  const path = reference
    .trim()
    .replace(/^internal:\/*/i, '')
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .toLowerCase();
  if (path === '') return undefined;
  const direct = container.files.get(`sources/${path}`) ?? container.files.get(path);
  if (direct) return direct;
  const base = path.slice(path.lastIndexOf('/') + 1);
  const matches = [...container.files.entries()].filter(([k]) => k.slice(k.lastIndexOf('/') + 1) === base);
  return matches.length === 1 ? matches[0]![1] : matches.find(([k]) => k.startsWith('sources/'))?.[1];
}

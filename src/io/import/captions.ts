/**
 * Caption files (WebVTT from Teams or Zoom, SubRip) to transcript text: one paragraph per cue,
 * `[hh:mm:ss] Name: text` when the cue has a voice, `[hh:mm:ss] text` otherwise. A timestamped
 * label always counts as a speaker in detectTurns, so voices become turns.
 *
 * WebVTT: https://www.w3.org/TR/webvtt1/ (cue blocks, NOTE/STYLE/REGION blocks, voice spans).
 */
import { speakerLabel } from '../../domain/turns';

interface Cue {
  /** Start time as `hh:mm:ss`, fractions of a second dropped. */
  readonly time: string;
  readonly lines: readonly string[];
}

/** The cue timing line's start time: `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT), `hh:mm:ss,ttt` (SubRip). */
const CUE_TIMING = /^\s*(?:(\d+):)?(\d{1,2}):(\d{2})(?:[.,]\d+)?\s*-->/;

/** A voice span's start tag, `<v Name>` or `<v.class Name>`; the name is group 1. */
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;

/** Blocks of lines separated by blank lines. */
function blocks(text: string): string[][] {
  const result: string[][] = [];
  let block: string[] = [];
  for (const line of text.replace(/^\ufeff/, '').split(/\r\n?|\n/)) {
    if (line.trim() === '') {
      if (block.length > 0) result.push(block);
      block = [];
    } else {
      block.push(line);
    }
  }
  if (block.length > 0) result.push(block);
  return result;
}

/** The cue in a block: lines before the timing line (a cue identifier) are skipped. */
function readCue(block: readonly string[]): Cue | null {
  const timingIndex = block.findIndex((line) => line.includes('-->'));
  const match = timingIndex === -1 ? null : CUE_TIMING.exec(block[timingIndex]!);
  if (!match) return null;
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  const time = [hours, minutes, seconds].map((part) => part.padStart(2, '0')).join(':');
  return { time, lines: block.slice(timingIndex + 1) };
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  lrm: '',
  rlm: '',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    const lower = name.toLowerCase();
    return Object.hasOwn(ENTITIES, lower) ? ENTITIES[lower]! : whole;
  });
}

/** Cue text without markup: tags (`<c>`, `<i>`, `</v>`, `<00:00:01.000>`), SubRip `{\an8}`, entities. */
function plainText(markup: string): string {
  const withoutTags = markup.replace(/<[^>]*>/g, '').replace(/\{\\[^}]*\}/g, '');
  return decodeEntities(withoutTags).replace(/\s+/g, ' ').trim();
}

/** One paragraph per voice in the cue (usually one); text before any voice has no speaker. */
function cueParagraphs(cue: Cue): string[] {
  const markup = cue.lines.join(' ');
  const runs: { voice: string | null; markup: string }[] = [];
  let voice: string | null = null;
  let at = 0;
  for (const match of markup.matchAll(VOICE_TAG)) {
    runs.push({ voice, markup: markup.slice(at, match.index) });
    voice = match[1]?.trim() || null;
    at = match.index + match[0].length;
  }
  runs.push({ voice, markup: markup.slice(at) });

  const paragraphs: { label: string | null; text: string }[] = [];
  for (const run of runs) {
    const text = plainText(run.markup);
    if (text === '') continue;
    const label = run.voice === null ? null : speakerLabel(run.voice);
    const last = paragraphs[paragraphs.length - 1];
    if (last && last.label === label) last.text += ` ${text}`;
    else paragraphs.push({ label, text });
  }
  return paragraphs.map(({ label, text }) => (label ? `[${cue.time}] ${label}: ${text}` : `[${cue.time}] ${text}`));
}

/** The transcript of a WebVTT file: cues in file order, paragraphs separated by a blank line. */
export function parseVtt(text: string): string {
  return blocks(text)
    .filter((block) => !/^(?:WEBVTT|NOTE|STYLE|REGION)(?:\s|$)/.test(block[0]!))
    .map(readCue)
    .flatMap((cue) => (cue ? cueParagraphs(cue) : []))
    .join('\n\n');
}

/** The transcript of a SubRip file: cues in file order, paragraphs separated by a blank line. */
export function parseSrt(text: string): string {
  return blocks(text)
    .map(readCue)
    .flatMap((cue) => (cue ? cueParagraphs(cue) : []))
    .join('\n\n');
}

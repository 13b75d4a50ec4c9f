/**
 * Caption files (WebVTT from Teams or Zoom, SubRip) to transcript text: one paragraph per cue,
 * `[hh:mm:ss] Name: text` when the cue has a voice, `[hh:mm:ss] text` otherwise. A timestamped
 * label always counts as a speaker in detectTurns, so voices become turns.
 *
 * A damaged file keeps its text: a cue whose start time cannot be read (`99:99:99`, `-00:00:01`,
 * garbage) or that has no timing line at all becomes a paragraph without a time, and every such
 * problem is reported with its line in the file.
 *
 * WebVTT: https://www.w3.org/TR/webvtt1/ (cue blocks, NOTE/STYLE/REGION blocks, voice spans).
 * SubRip has no standard; its cues are `index`, `hh:mm:ss,ttt --> hh:mm:ss,ttt`, text lines.
 */
import { speakerLabel } from '../../domain/turns';

/** What was wrong with a cue, and so what was kept of it. */
export type CueProblem =
  /** The start time has minutes or seconds of 60 or more (`99:99:99`): the text is kept without a time. */
  | 'start-impossible'
  /** The start time is not a time (garbage, negative): the text is kept without a time. */
  | 'start-unreadable'
  /** A line that looks like a timing line but has no `-->`: the text is kept without a time. */
  | 'timing-unreadable'
  /** The end time is impossible, unreadable or missing, or before the start: the start time is kept. */
  | 'end-impossible'
  | 'end-unreadable'
  | 'end-missing'
  | 'end-before-start'
  /** A block of text without a timing line: the text is kept without a time. */
  | 'no-timing'
  /** A block with neither a timing line nor text (a lone cue number): nothing to keep. */
  | 'no-timing-no-text';

/** What reading a caption file could not read as it should, each with its line in the file (from 1). */
export type CaptionNote =
  /** A .vtt file without the `WEBVTT` first line: read as WebVTT all the same. */
  | { readonly kind: 'vtt-no-header' }
  /** `timing`: the timing line as in the file (shortened when long), '' when there is none. */
  | { readonly kind: 'cue'; readonly line: number; readonly problem: CueProblem; readonly timing: string }
  /** How many more cue problems there are beyond the ones listed. */
  | { readonly kind: 'more-cue-problems'; readonly count: number };

/** The transcript of a caption file and what was wrong with it. */
export interface Captions {
  readonly text: string;
  readonly notes: readonly CaptionNote[];
}

/** How many cue problems are listed one by one; the rest are counted. */
const CUE_PROBLEMS_LISTED = 10;

interface Cue {
  /** Start time as `hh:mm:ss`, fractions of a second dropped; null when it could not be read. */
  readonly time: string | null;
  readonly lines: readonly string[];
}

/**
 * A timestamp: `hh:mm:ss.ttt` or `mm:ss.ttt` (WebVTT), `hh:mm:ss,ttt` (SubRip), read leniently
 * (one or two digits, either decimal sign, no fraction). More than three digits of hours is garbage.
 */
const TIMESTAMP = /^(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[.,]\d{1,3})?$/;

/** A line that was meant as a timing line but lost its arrow: `00:00:01,000 - 00:00:02,000`. */
const TIMING_LIKE = /^\s*-?\d+:\d+\S*\s*(?:-+>?|\u2013|\u2014|\u2192)\s*-?\d+:\d/;

/** A SubRip cue number (any number of digits: it is not used). */
const CUE_NUMBER = /^\s*\d+\s*$/;

/** A voice span's start tag, `<v Name>` or `<v.class Name>`; the name is group 1. */
const VOICE_TAG = /<v(?:\.[^\s>]*)?(?:\s+([^>]*))?>/g;

type Timestamp = { readonly seconds: number; readonly label: string } | 'unreadable' | 'impossible';

function readTimestamp(text: string): Timestamp {
  const match = TIMESTAMP.exec(text);
  if (!match) return 'unreadable';
  const [, hours = '0', minutes = '0', seconds = '0'] = match;
  if (Number(minutes) >= 60 || Number(seconds) >= 60) return 'impossible';
  const fraction = /[.,](\d+)$/.exec(text)?.[1] ?? '0';
  return {
    seconds: Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds) + Number(`0.${fraction}`),
    label: [hours, minutes, seconds].map((part) => part.padStart(2, '0')).join(':'),
  };
}

/** The start time of a timing line (null when it cannot be read) and what is wrong with the line. */
function readTiming(line: string): { time: string | null; problem: CueProblem | null } {
  const arrow = line.indexOf('-->');
  if (arrow === -1) return { time: null, problem: 'timing-unreadable' };
  const start = readTimestamp(line.slice(0, arrow).trim());
  if (start === 'unreadable') return { time: null, problem: 'start-unreadable' };
  if (start === 'impossible') return { time: null, problem: 'start-impossible' };
  // After the end time, WebVTT has cue settings and SubRip sometimes coordinates: not read.
  const endText = line.slice(arrow + 3).trim().split(/\s+/)[0] ?? '';
  const end = endText === '' ? null : readTimestamp(endText);
  const problem: CueProblem | null =
    end === null ? 'end-missing' : end === 'unreadable' ? 'end-unreadable' : end === 'impossible' ? 'end-impossible' : end.seconds < start.seconds ? 'end-before-start' : null;
  return { time: start.label, problem };
}

interface Block {
  /** The line of the block's first line in the file, from 1. */
  readonly line: number;
  readonly lines: readonly string[];
}

/** Blocks of lines separated by blank lines. */
function blocks(text: string): Block[] {
  const result: Block[] = [];
  let block: string[] = [];
  let first = 1;
  const lines = text.replace(/^\ufeff/, '').split(/\r\n?|\n/);
  for (const [i, line] of lines.entries()) {
    if (line.trim() === '') {
      if (block.length > 0) result.push({ line: first, lines: block });
      block = [];
    } else {
      if (block.length === 0) first = i + 1;
      block.push(line);
    }
  }
  if (block.length > 0) result.push({ line: first, lines: block });
  return result;
}

/** Collects cue problems: the first few one by one, the rest counted. */
class CueProblems {
  private readonly listed: CaptionNote[] = [];
  private more = 0;

  add(line: number, problem: CueProblem, timing: string): void {
    if (this.listed.length < CUE_PROBLEMS_LISTED) this.listed.push({ kind: 'cue', line, problem, timing: shorten(timing) });
    else this.more++;
  }

  notes(): CaptionNote[] {
    return this.more === 0 ? this.listed : [...this.listed, { kind: 'more-cue-problems', count: this.more }];
  }
}

/** A timing line as a message quotes it: garbage can be long. */
function shorten(line: string): string {
  const trimmed = line.trim();
  return trimmed.length <= 60 ? trimmed : `${trimmed.slice(0, 59)}…`;
}

/**
 * The cue in a block: lines before the timing line (a cue identifier or number) are skipped. A
 * block without a timing line keeps its text (without a leading cue number) as a cue without a time.
 */
function readCue(block: Block, problems: CueProblems): Cue | null {
  let timingIndex = block.lines.findIndex((line) => line.includes('-->'));
  // Only the first two lines: a timing line comes first or after the cue number.
  if (timingIndex === -1) timingIndex = block.lines.slice(0, 2).findIndex((line) => TIMING_LIKE.test(line));
  if (timingIndex === -1) {
    const lines = CUE_NUMBER.test(block.lines[0]!) ? block.lines.slice(1) : block.lines;
    problems.add(block.line, lines.length === 0 ? 'no-timing-no-text' : 'no-timing', '');
    return lines.length === 0 ? null : { time: null, lines };
  }
  const timingLine = block.lines[timingIndex]!;
  const { time, problem } = readTiming(timingLine);
  if (problem) problems.add(block.line + timingIndex, problem, timingLine);
  return { time, lines: block.lines.slice(timingIndex + 1) };
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
  const time = cue.time === null ? '' : `[${cue.time}] `;
  return paragraphs.map(({ label, text }) => (label ? `${time}${label}: ${text}` : `${time}${text}`));
}

/** The transcript of a WebVTT file and its problems: cues in file order, paragraphs separated by a blank line. */
export function parseVttWithNotes(text: string): Captions {
  const all = blocks(text);
  const notes: CaptionNote[] = [];
  const header = all[0] !== undefined && /^WEBVTT(?:[ \t]|$)/.test(all[0].lines[0]!) ? all[0] : undefined;
  if (all.length > 0 && !header) notes.push({ kind: 'vtt-no-header' });
  const problems = new CueProblems();
  const cues = all
    // A header without a blank line before the first cue holds that cue: read it, header lines skipped.
    .filter((block) => (block === header ? block.lines.some((line) => line.includes('-->')) : !/^(?:NOTE|STYLE|REGION)(?:\s|$)/.test(block.lines[0]!)))
    .map((block) => readCue(block, problems));
  return { text: transcript(cues), notes: [...notes, ...problems.notes()] };
}

/** The transcript of a SubRip file and its problems: cues in file order, paragraphs separated by a blank line. */
export function parseSrtWithNotes(text: string): Captions {
  const problems = new CueProblems();
  const cues = blocks(text).map((block) => readCue(block, problems));
  return { text: transcript(cues), notes: problems.notes() };
}

function transcript(cues: readonly (Cue | null)[]): string {
  return cues.flatMap((cue) => (cue ? cueParagraphs(cue) : [])).join('\n\n');
}

/** The transcript of a WebVTT file, see parseVttWithNotes. */
export function parseVtt(text: string): string {
  return parseVttWithNotes(text).text;
}

/** The transcript of a SubRip file, see parseSrtWithNotes. */
export function parseSrt(text: string): string {
  return parseSrtWithNotes(text).text;
}

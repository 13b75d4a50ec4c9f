/**
 * Speaker turns: found in normalised text, then renamed or dropped by the user's speaker map.
 *
 * Offsets are UTF-16 code units, end exclusive.
 */
import type { SpeakerMap, Turn } from './model';
import { paragraphs, type Paragraph } from './text';

const MAX_LABEL_WORDS = 4;

/**
 * A turn start at the beginning of a paragraph: an optional timestamp (`[00:01:23]`, `[01:23]` or a
 * bare `00:01:23`), a label of at most 40 characters that starts with a letter and holds no
 * sentence punctuation, its colon, whitespace and text on the same line.
 * Groups: 1 bracketed timestamp, 2 bare timestamp, 3 label, 4 the spaces and colon after it.
 * Sticky and with indices, so that it runs at each paragraph start without slicing the text.
 */
const TURN_START =
  /[^\S\n]*(?:(\[(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?\])[^\S\n]*|(\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,3})?)[^\S\n]+)?(\p{L}[\p{L}\p{M}\p{N} '’()&/#-]{0,39}?)([^\S\n]*:)[^\S\n]+\S/duy;

/** What a label cannot hold; speakerLabel turns it into spaces. */
const NOT_LABEL_CHARACTER = /[^\p{L}\p{M}\p{N} '’()&/#-]+/gu;

interface TurnStart {
  readonly speaker: string;
  readonly labelStart: number;
  readonly labelEnd: number;
  readonly timestamped: boolean;
}

function matchTurnStart(text: string, at: number): TurnStart | null {
  TURN_START.lastIndex = at;
  const match = TURN_START.exec(text);
  const label = match?.[3];
  const labelIndices = match?.indices?.[3];
  const colonIndices = match?.indices?.[4];
  if (!match || label === undefined || !labelIndices || !colonIndices) return null;
  if (label.split(' ').filter(Boolean).length > MAX_LABEL_WORDS) return null;
  return {
    speaker: label.trim(),
    labelStart: labelIndices[0],
    labelEnd: colonIndices[1],
    timestamped: match[1] !== undefined || match[2] !== undefined,
  };
}

/**
 * The speaker turns of a normalised text, in text order.
 *
 * A paragraph that starts with a label is a turn start; a paragraph without one continues the turn
 * before it, and paragraphs before the first turn belong to none. To keep header lines such as
 * "Datum: 14 januari 2021" or "Respondent: moeder" out, a label counts as a speaker only when it
 * starts at least two paragraphs, or when some paragraph has it after a timestamp.
 *
 * Lines that are not speech end the turn before them and belong to no turn, and neither do the
 * unlabelled lines after them until the next label: a stage direction on a line of its own, wholly
 * in parentheses or square brackets ("(Gelach aan tafel.)", "[stilte]"), and, after a blank line,
 * a web page's chrome (a copyright line, a row of links such as "Privacy · Cookies", a line that is
 * only a web address), as a transcript copied from a web page ends. So "code all turns of a speaker" never codes them.
 */
export function detectTurns(text: string): Turn[] {
  const paras = paragraphs(text);
  const starts: (TurnStart | null)[] = paras.map((p) => matchTurnStart(text, p.start));

  const counts = new Map<string, number>();
  const timestamped = new Set<string>();
  for (const s of starts) {
    if (!s) continue;
    counts.set(s.speaker, (counts.get(s.speaker) ?? 0) + 1);
    if (s.timestamped) timestamped.add(s.speaker);
  }
  const isSpeaker = (s: TurnStart): boolean => timestamped.has(s.speaker) || (counts.get(s.speaker) ?? 0) >= 2;

  const turns: Turn[] = [];
  let open: { speaker: string; start: number; end: number; labelStart: number; labelEnd: number } | null = null;
  for (let i = 0; i < paras.length; i++) {
    const p = paras[i]!;
    const s = starts[i];
    if (s && isSpeaker(s)) {
      if (open) turns.push(open);
      open = { speaker: s.speaker, start: p.start, end: p.end, labelStart: s.labelStart, labelEnd: s.labelEnd };
    } else if (open && notSpeech(text, p, paras[i - 1])) {
      turns.push(open);
      open = null;
    } else if (open) {
      open.end = p.end;
    }
  }
  if (open) turns.push(open);
  return turns;
}

/** A line wholly in parentheses or square brackets: a stage direction, a note, a bare timestamp. */
const STAGE_DIRECTION = /^\s*(?:\([^()\n]*\)|\[[^[\]\n]*\])[\s.]*$/u;
/**
 * What a web page around a transcript says, and a transcript does not: a copyright line, or a row
 * of links (privacy, cookies, terms) set apart by separators, or a line that is only a web address.
 */
const PAGE_CHROME = [
  /©|\(c\)\s*\d{4}|\ball rights reserved\b|\balle rechten voorbehouden\b/iu,
  /\b(?:privacy|cookies?|disclaimer|voorwaarden|terms|contact)\b.*[·|•].*\b(?:privacy|cookies?|disclaimer|voorwaarden|terms|contact|sitemap)\b/iu,
  /^\s*(?:https?:\/\/|www\.)\S+\s*$/iu,
];

/** Whether a paragraph that continues a turn is rather not speech (see detectTurns). */
function notSpeech(text: string, p: Paragraph, before: Paragraph | undefined): boolean {
  const line = text.slice(p.start, p.end);
  if (STAGE_DIRECTION.test(line)) return true;
  // Chrome only after a blank line: a speaker may well mention a web address within a turn.
  const afterBlankLine = before !== undefined && text.slice(before.end, p.start).split('\n').length > 2;
  return afterBlankLine && PAGE_CHROME.some((re) => re.test(line));
}

/**
 * Turns as the user named them: a label mapped to a name takes that name (labels mapped to the same
 * name become one speaker), a label mapped to null is no speaker and its turns disappear. Labels not
 * in the map, or mapped to a blank name, keep their own name. Turns stay separate even when two
 * of them in a row now have the same speaker, so that every label keeps its own range.
 */
export function applySpeakerMap(turns: readonly Turn[], map: SpeakerMap): Turn[] {
  const result: Turn[] = [];
  for (const turn of turns) {
    // Own keys only: a label such as "constructor" must not find Object.prototype.
    const mapped = Object.hasOwn(map, turn.speaker) ? map[turn.speaker] : undefined;
    if (mapped === null) continue;
    const name = mapped?.trim();
    result.push(name && name !== turn.speaker ? { ...turn, speaker: name } : turn);
  }
  return result;
}

/** Each speaker with the number of turns, in order of first appearance. */
export function speakerSummary(turns: readonly Turn[]): { name: string; turns: number }[] {
  const counts = new Map<string, number>();
  for (const turn of turns) counts.set(turn.speaker, (counts.get(turn.speaker) ?? 0) + 1);
  return [...counts].map(([name, n]) => ({ name, turns: n }));
}

/**
 * A speaker's name (e.g. a caption voice) made into a label that detectTurns recognises: characters
 * a label cannot hold become spaces, then at most four words and 40 characters are kept.
 * Null when nothing usable is left, e.g. for a name without letters.
 */
export function speakerLabel(name: string): string | null {
  const words = name.replace(NOT_LABEL_CHARACTER, ' ').split(' ').filter(Boolean);
  const firstLetter = words.findIndex((w) => /^\p{L}/u.test(w));
  if (firstLetter === -1) return null;
  let label = words.slice(firstLetter, firstLetter + MAX_LABEL_WORDS).join(' ');
  if (label.length > 40) label = label.slice(0, 40).trimEnd();
  return matchTurnStart(`${label}: x`, 0)?.speaker === label ? label : null;
}

import { foldForSearch } from '../../../domain/codebook';
import type { Code, DocumentRecord, Guid, Memo, MemoTargetKind, Segment } from '../../../domain/model';
import type { MemoTarget } from '../../../commands/memos';
import type { JumpTarget } from '../analysis/types';

/** A memo's name in lists: its title, else its first line of text; empty when it has neither. */
export function memoHeading(memo: Pick<Memo, 'title' | 'text'>): string {
  if (memo.title.trim()) return memo.title.trim();
  const line = memo.text.split('\n').find((l) => l.trim() !== '') ?? '';
  return line.trim().length > 80 ? `${line.trim().slice(0, 80)}…` : line.trim();
}

/** The target a memo names, as commands take it. */
export function memoTarget(memo: Pick<Memo, 'targetKind' | 'targetGuid'>): MemoTarget {
  return memo.targetKind === 'project' || memo.targetGuid === null ? { kind: 'project', guid: null } : { kind: memo.targetKind, guid: memo.targetGuid };
}

/** What a memo is about, resolved against the project's records. */
export type ResolvedTarget =
  | { readonly kind: 'project' }
  | { readonly kind: 'document'; readonly document: DocumentRecord }
  | { readonly kind: 'code'; readonly code: Code }
  | { readonly kind: 'segment'; readonly segment: Segment; readonly document: DocumentRecord | null }
  /** The target is not in the project (data from another tool); the memo is still shown. */
  | { readonly kind: 'missing'; readonly targetKind: MemoTargetKind };

export interface TargetLookup {
  readonly documents: ReadonlyMap<Guid, DocumentRecord>;
  readonly codes: ReadonlyMap<Guid, Code>;
  readonly segments: ReadonlyMap<Guid, Segment>;
}

export function targetLookup(data: { documents: readonly DocumentRecord[]; codes: readonly Code[]; segments: readonly Segment[] }): TargetLookup {
  return {
    documents: new Map(data.documents.map((d) => [d.guid, d])),
    codes: new Map(data.codes.map((c) => [c.guid, c])),
    segments: new Map(data.segments.map((s) => [s.guid, s])),
  };
}

export function resolveTarget(memo: Pick<Memo, 'targetKind' | 'targetGuid'>, lookup: TargetLookup): ResolvedTarget {
  const missing = { kind: 'missing', targetKind: memo.targetKind } as const;
  if (memo.targetKind === 'project') return { kind: 'project' };
  if (memo.targetGuid === null) return missing;
  if (memo.targetKind === 'document') {
    const document = lookup.documents.get(memo.targetGuid);
    return document ? { kind: 'document', document } : missing;
  }
  if (memo.targetKind === 'code') {
    const code = lookup.codes.get(memo.targetGuid);
    return code ? { kind: 'code', code } : missing;
  }
  const segment = lookup.segments.get(memo.targetGuid);
  return segment ? { kind: 'segment', segment, document: lookup.documents.get(segment.documentGuid) ?? null } : missing;
}

/** The start of a segment's text, for naming it in one line. */
export function segmentExcerpt(text: string, length = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length)}…` : flat;
}

/** Where "show in document" goes for a memo: the document's start, or the segment's range. */
export function jumpTargetOf(target: ResolvedTarget): JumpTarget | null {
  if (target.kind === 'document') return { documentGuid: target.document.guid, start: 0, end: 0 };
  if (target.kind === 'segment' && target.document) return { documentGuid: target.segment.documentGuid, start: target.segment.start, end: target.segment.end };
  return null;
}

export type MemoKindFilter = MemoTargetKind | 'all';
export type MemoOrder = 'updated-desc' | 'updated-asc';

export interface MemoFilter {
  /** Words to find in the title or text, ignoring case and diacritics; blank finds every memo. */
  readonly query: string;
  readonly kind: MemoKindFilter;
  /** A coder's GUID, or 'all'. */
  readonly author: Guid | 'all';
  readonly order: MemoOrder;
}

export const ALL_MEMOS: MemoFilter = { query: '', kind: 'all', author: 'all', order: 'updated-desc' };

/**
 * The memos that match the filter, in its order. The query's words must each occur in the title
 * or the text (in any order): "Laptop ouders" finds "de ouders kregen een laptop".
 */
export function filterMemos(memos: readonly Memo[], filter: MemoFilter): Memo[] {
  const words = foldForSearch(filter.query).split(/\s+/).filter(Boolean);
  const kept = memos.filter((m) => {
    if (filter.kind !== 'all' && m.targetKind !== filter.kind) return false;
    if (filter.author !== 'all' && m.authorGuid !== filter.author) return false;
    if (words.length === 0) return true;
    const haystack = foldForSearch(`${m.title}\n${m.text}`);
    return words.every((w) => haystack.includes(w));
  });
  const sign = filter.order === 'updated-desc' ? -1 : 1;
  return kept.sort((a, b) => sign * (a.updatedAt.localeCompare(b.updatedAt) || a.createdAt.localeCompare(b.createdAt)));
}

/** A memo's date and time in the interface language, e.g. "12 mrt 2025, 14:05". */
export function formatMemoDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

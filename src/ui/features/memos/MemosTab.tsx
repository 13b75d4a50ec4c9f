import type { TFunction } from 'i18next';
import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MemoTarget } from '../../../commands/memos';
import type { Guid, Memo } from '../../../domain/model';
import type { AnalysisTabProps } from '../analysis/types';
import { MemoForm } from './MemoForm';
import {
  ALL_MEMOS,
  filterMemos,
  formatMemoDate,
  jumpTargetOf,
  memoHeading,
  memoTarget,
  resolveTarget,
  segmentExcerpt,
  targetLookup,
  type MemoFilter,
  type MemoKindFilter,
  type MemoOrder,
  type ResolvedTarget,
} from './memo-list';
import './memos.css';

const KINDS: readonly MemoKindFilter[] = ['all', 'project', 'document', 'code', 'segment'];

/** One line naming what a memo is about. */
export function targetLabel(t: TFunction, target: ResolvedTarget): string {
  switch (target.kind) {
    case 'project':
      return t('memos.target.project');
    case 'document':
      return t('memos.target.document', { name: target.document.name });
    case 'code':
      return t('memos.target.code', { name: target.code.name });
    case 'segment':
      return t('memos.target.segment', { text: segmentExcerpt(target.segment.text), document: target.document?.name ?? t('memos.target.unknownDocument') });
    case 'missing':
      return t('memos.target.missing', { kind: t(`memos.kind.${target.targetKind}`) });
  }
}

interface Opened {
  /** Stays the same while the memo is open, also when a new memo gets its GUID. */
  readonly key: number;
  readonly guid: Guid | null;
  readonly target: MemoTarget;
}

/**
 * All memos of the project: searchable (title and text, ignoring case and diacritics), filtered
 * by what they are about and by author, ordered by their last change. One opens beside the list
 * to read and edit; memos on a document or segment lead there.
 */
export default function MemosTab({ data, onJump }: AnalysisTabProps) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState<MemoFilter>(ALL_MEMOS);
  const [opened, setOpened] = useState<Opened | null>(null);
  const lookup = useMemo(() => targetLookup(data), [data]);
  const shown = useMemo(() => filterMemos(data.memos, filter), [data.memos, filter]);
  const authors = useMemo(() => [...data.coders].sort((a, b) => a.name.localeCompare(b.name)), [data.coders]);
  const authorName = (memo: Memo) => data.coders.find((c) => c.guid === memo.authorGuid)?.name ?? t('memos.unknownAuthor');
  const openedTarget = opened ? resolveTarget({ targetKind: opened.target.kind, targetGuid: opened.target.guid }, lookup) : null;
  const openedJump = openedTarget ? jumpTargetOf(openedTarget) : null;
  const set = (patch: Partial<MemoFilter>) => setFilter((f) => ({ ...f, ...patch }));

  const open = (memo: Memo) => {
    if (opened?.guid === memo.guid) return;
    setOpened({ key: Date.now(), guid: memo.guid, target: memoTarget(memo) });
  };

  return (
    <div className="memos-tab">
      <div className="memos-list-pane">
        <div className="memos-head">
          <h2 id={`${id}-title`}>{t('memos.heading')}</h2>
          <button type="button" className="primary" onClick={() => setOpened({ key: Date.now(), guid: null, target: { kind: 'project', guid: null } })}>
            {t('memos.newProjectMemo')}
          </button>
        </div>
        <div className="memos-filters" role="search" aria-label={t('memos.filters')}>
          <label className="memo-field memos-search">
            <span className="memo-label">{t('memos.search')}</span>
            <input type="search" value={filter.query} placeholder={t('memos.searchPlaceholder')} onChange={(e) => set({ query: e.target.value })} />
          </label>
          <label className="memo-field">
            <span className="memo-label">{t('memos.kindFilter')}</span>
            <select value={filter.kind} onChange={(e) => set({ kind: e.target.value as MemoKindFilter })}>
              {KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`memos.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="memo-field">
            <span className="memo-label">{t('memos.authorFilter')}</span>
            <select value={filter.author} onChange={(e) => set({ author: e.target.value })}>
              <option value="all">{t('memos.allAuthors')}</option>
              {authors.map((c) => (
                <option key={c.guid} value={c.guid}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
          <label className="memo-field">
            <span className="memo-label">{t('memos.order')}</span>
            <select value={filter.order} onChange={(e) => set({ order: e.target.value as MemoOrder })}>
              <option value="updated-desc">{t('memos.orderNewest')}</option>
              <option value="updated-asc">{t('memos.orderOldest')}</option>
            </select>
          </label>
        </div>
        <p className="memos-count muted" role="status">
          {data.memos.length === 0 ? t('memos.none') : t('memos.count', { count: shown.length, total: data.memos.length })}
        </p>
        <ul className="memos-list" aria-labelledby={`${id}-title`}>
          {shown.map((memo) => {
            const target = resolveTarget(memo, lookup);
            const jump = jumpTargetOf(target);
            const current = opened?.guid === memo.guid;
            return (
              <li key={memo.guid} className={current ? 'memo-item memo-item-open' : 'memo-item'}>
                <button type="button" className="memo-item-open-button" aria-current={current || undefined} onClick={() => open(memo)}>
                  {memoHeading(memo) || t('memos.untitled')}
                </button>
                <p className="memo-item-target">{targetLabel(t, target)}</p>
                <p className="memo-item-meta muted">
                  {authorName(memo)} · {t('memos.created', { date: formatMemoDate(memo.createdAt, i18n.language) })} ·{' '}
                  {t('memos.updated', { date: formatMemoDate(memo.updatedAt, i18n.language) })}
                </p>
                {jump && (
                  <button type="button" className="memo-jump" onClick={() => onJump(jump)} aria-label={t('memos.jumpTo', { target: targetLabel(t, target) })}>
                    {t('memos.jump')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
      <div className="memos-detail-pane">
        {opened && openedTarget ? (
          <section className="memo-open" aria-labelledby={`${id}-open`}>
            <div className="memos-head">
              <h3 id={`${id}-open`}>{opened.guid ? t('memos.openTitle', { target: targetLabel(t, openedTarget) }) : t('memos.newTitle', { target: targetLabel(t, openedTarget) })}</h3>
              {openedJump && (
                <button type="button" onClick={() => onJump(openedJump)}>
                  {t('memos.jump')}
                </button>
              )}
            </div>
            <MemoForm
              key={opened.key}
              memoGuid={opened.guid}
              target={opened.target}
              autoFocus={opened.guid === null}
              onClose={() => setOpened(null)}
              onCreated={(guid) => setOpened((o) => (o ? { ...o, guid } : o))}
            />
          </section>
        ) : (
          <p className="muted memos-pick">{data.memos.length === 0 ? t('memos.emptyProject') : t('memos.pick')}</p>
        )}
      </div>
    </div>
  );
}

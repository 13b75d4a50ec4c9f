import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { filteredDocuments, NO_FILTER, type AnalysisFilter } from '../../../domain/analysis/filter';
import { expandHit, HIT_SCOPES, scopeDocument, scopeRanges, type HitScope, type ScopeDocument } from '../../../domain/analysis/scope';
import { MAX_HITS, type SearchHit, type SearchMode } from '../../../domain/analysis/search';
import type { Guid } from '../../../domain/model';
import { useNotify } from '../../shell/notify';
import { FilterBar } from '../analysis/FilterBar';
import type { AnalysisTabProps } from '../analysis/types';
import { CodeChooser } from './CodeChooser';
import { HitList, HITS_PER_PAGE, type HitDocument } from './HitList';
import { createSearchRunner, type SearchRunner } from './run-search';
import { SpeakerAutocode } from './SpeakerAutocode';
import { useAutocode } from './use-autocode';
import './search.css';

const NO_HITS: readonly SearchHit[] = [];

interface Query {
  readonly text: string;
  readonly mode: SearchMode;
  readonly wholeWord: boolean;
  readonly caseSensitive: boolean;
}

type Results =
  | { readonly status: 'idle' }
  | { readonly status: 'running' }
  | { readonly status: 'done'; readonly hits: readonly SearchHit[]; readonly truncated: boolean }
  | { readonly status: 'error'; readonly message: string; readonly pattern: boolean };

/**
 * Search all (filtered) documents, see the hits in context, and code the chosen hits with the
 * hit, its sentence, its paragraph or its speaker turn as the segment; autocode a speaker's turns.
 */
export default function SearchTab({ data, onJump }: AnalysisTabProps) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState<AnalysisFilter>(NO_FILTER);
  const [draft, setDraft] = useState<Query>({ text: '', mode: 'plain', wholeWord: false, caseSensitive: false });
  const [submitted, setSubmitted] = useState<Query | null>(null);
  const [results, setResults] = useState<Results>({ status: 'idle' });
  const [excluded, setExcluded] = useState<ReadonlySet<number>>(new Set());
  const [focused, setFocused] = useState(0);
  const [shown, setShown] = useState(HITS_PER_PAGE);
  const [scope, setScope] = useState<HitScope>('hit');
  const [includeLabel, setIncludeLabel] = useState(false);
  const [codeGuid, setCodeGuid] = useState<Guid | null>(null);
  const { run: autocode, busy } = useAutocode();
  const { notify } = useNotify();

  const documents = useMemo(() => filteredDocuments(data, filter), [data, filter]);
  const texts = useMemo(() => new Map(data.texts.map((x) => [x.documentGuid, x])), [data.texts]);
  const scopeDocs = useMemo(() => {
    const result: ScopeDocument[] = [];
    for (const d of documents) {
      const stored = texts.get(d.guid);
      if (stored) result.push(scopeDocument(d, stored));
    }
    return result;
  }, [documents, texts]);
  const scopeByGuid = useMemo(() => new Map(scopeDocs.map((d) => [d.documentGuid, d])), [scopeDocs]);
  const hitDocuments = useMemo(() => new Map<Guid, HitDocument>(documents.map((d) => [d.guid, { name: d.name, text: texts.get(d.guid)?.text ?? '' }])), [documents, texts]);
  // The search runs again when the documents searched, or their texts, change; not after codings.
  const searchedKey = documents.map((d) => `${d.guid}:${d.sha256}`).join(' ');

  const runner = useRef<SearchRunner | null>(null);
  useEffect(() => {
    const r = createSearchRunner();
    runner.current = r;
    return () => r.dispose();
  }, []);

  // Read by the search below, which runs again only when searchedKey changes.
  const scopeDocsRef = useRef(scopeDocs);
  useEffect(() => {
    scopeDocsRef.current = scopeDocs;
  });
  useEffect(() => {
    if (!submitted || !runner.current) return;
    let live = true;
    setResults({ status: 'running' });
    const searched = scopeDocsRef.current.map((d) => ({ documentGuid: d.documentGuid, text: d.text }));
    void runner.current.run(searched, submitted.text, { mode: submitted.mode, wholeWord: submitted.wholeWord, caseSensitive: submitted.caseSensitive }).then((r) => {
      if (!live) return;
      if (r.ok) {
        setResults({ status: 'done', hits: r.hits, truncated: r.truncated });
        setExcluded(new Set());
        setFocused(0);
        setShown(HITS_PER_PAGE);
      } else if (r.reason === 'invalid-pattern') setResults({ status: 'error', message: t('search.invalidPattern', { detail: r.detail }), pattern: true });
      else if (r.reason === 'timeout') setResults({ status: 'error', message: t('search.timeout'), pattern: true });
      else if (r.reason === 'failed') setResults({ status: 'error', message: t('search.failed', { detail: r.detail }), pattern: false });
    });
    return () => {
      live = false;
    };
  }, [submitted, searchedKey, t]);

  const hits = results.status === 'done' ? results.hits : NO_HITS;
  const chosenHits = useMemo(() => hits.filter((_, i) => !excluded.has(i)), [hits, excluded]);
  const scoped = useMemo(() => scopeRanges(scopeByGuid, chosenHits, scope, { includeLabel }), [scopeByGuid, chosenHits, scope, includeLabel]);
  const focusedHit = hits[focused];
  const focusedDoc = focusedHit && scopeByGuid.get(focusedHit.documentGuid);
  const preview = focusedHit && focusedDoc ? expandHit(focusedDoc, focusedHit, scope, { includeLabel }) : null;
  const documentCount = useMemo(() => new Set(hits.map((h) => h.documentGuid)).size, [hits]);

  const toggle = (i: number) =>
    setExcluded((old) => {
      const next = new Set(old);
      if (!next.delete(i)) next.add(i);
      return next;
    });
  const code = () => {
    if (!codeGuid) {
      notify('info', t('search.chooseCode'));
      return;
    }
    if (scoped.ranges.length === 0) return;
    void autocode(codeGuid, scoped.ranges, scoped.fellBack > 0 ? t('search.fellBack', { count: scoped.fellBack }) : undefined);
  };

  const error = results.status === 'error' ? results : null;
  return (
    <div className="search-tab">
      <FilterBar data={data} value={filter} onChange={setFilter} />
      <section aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`}>{t('search.title')}</h2>
        <form
          role="search"
          className="search-form"
          onSubmit={(e) => {
            e.preventDefault();
            setSubmitted({ ...draft });
          }}
        >
          <div className="search-row">
            <label htmlFor={`${id}-q`}>{t('search.query')}</label>
            <input
              id={`${id}-q`}
              type="search"
              value={draft.text}
              onChange={(e) => setDraft({ ...draft, text: e.target.value })}
              aria-invalid={error?.pattern ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              spellCheck={false}
            />
            <button type="submit" className="primary">
              {t('search.search')}
            </button>
          </div>
          <div className="search-row">
            <fieldset className="search-mode">
              <legend className="visually-hidden">{t('search.mode')}</legend>
              {(['plain', 'regex'] as const).map((m) => (
                <label key={m}>
                  <input type="radio" name={`${id}-mode`} checked={draft.mode === m} onChange={() => setDraft({ ...draft, mode: m })} /> {t(`search.${m}`)}
                </label>
              ))}
            </fieldset>
            <label>
              <input type="checkbox" checked={draft.wholeWord} onChange={(e) => setDraft({ ...draft, wholeWord: e.target.checked })} /> {t('search.wholeWord')}
            </label>
            {draft.mode === 'regex' && (
              <label>
                <input type="checkbox" checked={draft.caseSensitive} onChange={(e) => setDraft({ ...draft, caseSensitive: e.target.checked })} /> {t('search.caseSensitive')}
              </label>
            )}
          </div>
        </form>
        {error && (
          <p id={`${id}-error`} className="error-text" role="alert">
            {error.message}
          </p>
        )}
        <p className="search-summary" role="status">
          {results.status === 'running' && t('search.searching')}
          {results.status === 'done' && (hits.length === 0 ? t('search.noHits') : t('search.count', { count: hits.length, documents: documentCount }))}
          {results.status === 'done' && results.truncated && ` ${t('search.truncated', { count: MAX_HITS })}`}
        </p>
        {hits.length > 0 && (
          <div className="search-body">
            <div className="search-hits" role="group" aria-label={t('search.results')}>
              <div className="search-row">
                <button type="button" onClick={() => setExcluded(new Set())}>
                  {t('search.selectAll')}
                </button>
                <button type="button" onClick={() => setExcluded(new Set(hits.map((_, i) => i)))}>
                  {t('search.selectNone')}
                </button>
                <span className="muted">{t('search.selected', { count: chosenHits.length, total: hits.length })}</span>
              </div>
              <HitList
                hits={hits}
                documents={hitDocuments}
                excluded={excluded}
                onToggle={toggle}
                focused={focused}
                onFocusHit={setFocused}
                onJump={onJump}
                shown={shown}
                onShowMore={() => setShown((n) => n + HITS_PER_PAGE)}
              />
            </div>
            <div className="search-apply">
              <fieldset className="search-scope">
                <legend>{t('search.scope')}</legend>
                {HIT_SCOPES.map((s) => (
                  <label key={s}>
                    <input type="radio" name={`${id}-scope`} value={s} checked={scope === s} onChange={() => setScope(s)} /> {t(`search.scopes.${s}`)}
                  </label>
                ))}
                {scope !== 'hit' && (
                  <label className="search-include-label">
                    <input type="checkbox" checked={includeLabel} onChange={(e) => setIncludeLabel(e.target.checked)} /> {t('search.speakers.includeLabel')}
                  </label>
                )}
              </fieldset>
              <div className="search-preview" aria-live="polite">
                <h3 id={`${id}-preview`}>{focusedHit ? t('search.preview', { n: focused + 1 }) : t('search.previewNone')}</h3>
                {preview && focusedDoc && (
                  <blockquote aria-labelledby={`${id}-preview`}>{focusedDoc.text.slice(preview.start, preview.end)}</blockquote>
                )}
                {preview?.fellBack && <p className="muted">{t('search.fellBackOne')}</p>}
              </div>
              <p className="muted">
                {t('search.segments', { count: scoped.ranges.length })} {scoped.fellBack > 0 && t('search.fellBack', { count: scoped.fellBack })}
              </p>
              <CodeChooser value={codeGuid} onChange={setCodeGuid} />
              <button type="button" className="primary" disabled={busy || chosenHits.length === 0} aria-describedby={codeGuid ? undefined : `${id}-need-code`} onClick={code}>
                {t('search.codeHits', { count: chosenHits.length })}
              </button>
              {!codeGuid && (
                <p id={`${id}-need-code`} className="muted">
                  {t('search.chooseCode')}
                </p>
              )}
            </div>
          </div>
        )}
      </section>
      <SpeakerAutocode documents={scopeDocs} />
    </div>
  );
}

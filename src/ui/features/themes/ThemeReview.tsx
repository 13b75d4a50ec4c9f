import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { moveQuote, pickQuote, removeCodeFromTheme } from '../../../commands/themes';
import type { AnalysisFilter } from '../../../domain/analysis/filter';
import { citation } from '../../../domain/analysis/citation';
import type { Guid } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { contributionsByDocument, contributionsByVariable, defaultGroupVariable, themeCodes, themeQuotes, themeSegments, themeTree, type Contribution } from '../../../domain/themes';
import { variableList } from '../../../domain/variables';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import type { JumpTarget } from '../analysis/types';

const excerpt = (text: string) => (Array.from(text).length > 60 ? `${Array.from(text).slice(0, 60).join('')}…` : text);

/**
 * Phase 4: one theme's segments in one list (text, citation, document, coder, codes), each with a
 * link into its document and a "quotation for the report" toggle; its codes, each removable; the
 * picked quotations in report order; and which documents and respondent groups contribute.
 */
export function ThemeReview(props: { data: ProjectData; filter: AnalysisFilter; themeGuid: Guid | null; onTheme(guid: Guid): void; onJump(target: JumpTarget): void }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const id = useId();
  const { data, filter } = props;
  const rows = useMemo(() => themeTree(data.themes), [data.themes]);
  const theme = data.themes.find((x) => x.guid === props.themeGuid) ?? rows[0]?.theme ?? null;
  const variableNames = useMemo(() => variableList(data.project.guid, data.variables, data.documents).map((v) => v.name), [data]);
  const [variable, setVariable] = useState<string | null>(null);
  const splitBy = variable ?? defaultGroupVariable(variableNames) ?? '';
  const segments = useMemo(() => (theme ? themeSegments(data, theme, filter) : []), [data, theme, filter]);
  const codes = useMemo(() => new Map(data.codes.map((c) => [c.guid, c])), [data.codes]);
  const coders = useMemo(() => new Map(data.coders.map((c) => [c.guid, c.name])), [data.coders]);
  const quotes = theme ? themeQuotes(theme, data.segments) : [];
  // A ticked box shows at once; the stored list replaces it when it is read back.
  const [ticked, setTicked] = useState<{ base: readonly Guid[] | undefined; value: Record<Guid, boolean> }>({ base: undefined, value: {} });
  const local = ticked.base === theme?.quoteSegmentGuids ? ticked.value : {};
  const picked = new Set(theme?.quoteSegmentGuids ?? []);
  const isPicked = (guid: Guid) => local[guid] ?? picked.has(guid);
  const docs = useMemo(() => new Map(data.documents.map((d) => [d.guid, d])), [data.documents]);
  const cite = (documentGuid: Guid) => {
    const d = docs.get(documentGuid);
    return d ? citation(project.citationTemplate ?? data.project.citationTemplate, d, variableNames) : '';
  };
  const report = (r: { ok: true } | { ok: false; reason: string; detail?: string }) => {
    if (!r.ok) notify('error', failureText(t, r));
    return r.ok;
  };

  if (!theme) return <p className="muted">{t('themes.none')}</p>;
  const documentCount = new Set(segments.map((s) => s.document.guid)).size;

  return (
    <div className="theme-review">
      <div className="theme-field">
        <label className="theme-label" htmlFor={`${id}-theme`}>
          {t('themes.review.theme')}
        </label>
        <select id={`${id}-theme`} value={theme.guid} onChange={(e) => props.onTheme(e.target.value)}>
          {rows.map((r) => (
            <option key={r.theme.guid} value={r.theme.guid}>
              {'— '.repeat(r.depth)}
              {r.theme.name}
            </option>
          ))}
        </select>
      </div>
      <p className="muted" role="status">
        {t('themes.review.count', { count: segments.length, documents: documentCount })}
      </p>

      <div className="theme-review-grid">
        <section aria-labelledby={`${id}-segs`} className="theme-review-segments">
          <h3 id={`${id}-segs`}>{t('themes.review.segments', { name: theme.name })}</h3>
          {segments.length === 0 ? (
            <p className="muted">{t('themes.review.empty')}</p>
          ) : (
            <ul className="theme-segments" aria-labelledby={`${id}-segs`}>
              {segments.map(({ segment, document, appliedCodeGuids }) => (
                <li key={segment.guid} className="theme-segment">
                  <blockquote>{segment.text}</blockquote>
                  <p className="theme-segment-meta muted">
                    <span>{cite(document.guid)}</span> · <span>{document.name}</span> · <span>{t('themes.review.coder', { name: coders.get(segment.coderGuid) ?? t('themes.review.unknownCoder') })}</span> ·{' '}
                    {appliedCodeGuids.map((g) => (
                      <span key={g} className="theme-code-chip" style={{ borderColor: codes.get(g)?.color }}>
                        {codes.get(g)?.name}
                      </span>
                    ))}
                  </p>
                  <div className="theme-segment-actions">
                    <button type="button" onClick={() => props.onJump({ documentGuid: segment.documentGuid, start: segment.start, end: segment.end })}>
                      {t('themes.review.show')}
                    </button>
                    <label className="theme-check">
                      <input
                        type="checkbox"
                        checked={isPicked(segment.guid)}
                        aria-label={t('themes.review.quoteLabel', { text: excerpt(segment.text) })}
                        onChange={async (e) => {
                          const on = e.target.checked;
                          setTicked({ base: theme.quoteSegmentGuids, value: { ...local, [segment.guid]: on } });
                          if (!report(await pickQuote(project.guid, theme.guid, segment.guid, on, db))) setTicked({ base: undefined, value: {} });
                        }}
                      />
                      <span aria-hidden="true">{t('themes.review.quote')}</span>
                    </label>
                  </div>
                </li>
              ))}
            </ul>
          )}
        </section>

        <div className="theme-review-side">
          <section aria-labelledby={`${id}-codes`}>
            <h3 id={`${id}-codes`}>{t('themes.review.codes')}</h3>
            <ul className="theme-review-codes">
              {themeCodes(theme, data.codes).map((code) => (
                <li key={code.guid}>
                  <span className="theme-swatch" style={{ background: code.color }} aria-hidden="true" />
                  <span className="theme-review-code-name">{code.name}</span>
                  <button
                    type="button"
                    aria-label={t('themes.review.removeLabel', { name: code.name })}
                    onClick={async () => {
                      if (report(await removeCodeFromTheme(project.guid, code.guid, db))) notify('info', t('themes.review.removed', { code: code.name }));
                    }}
                  >
                    {t('themes.review.remove')}
                  </button>
                </li>
              ))}
            </ul>
          </section>

          <section aria-labelledby={`${id}-quotes`}>
            <h3 id={`${id}-quotes`}>{t('themes.review.quotes')}</h3>
            {quotes.length === 0 ? (
              <p className="muted">{t('themes.review.quotesNone')}</p>
            ) : (
              <ol className="theme-quotes" aria-labelledby={`${id}-quotes`}>
                {quotes.map((s, i) => (
                  <li key={s.guid}>
                    <span className="theme-quote-text">
                      “{excerpt(s.text)}” {cite(s.documentGuid)}
                    </span>
                    <span className="theme-quote-actions">
                      <button type="button" disabled={i === 0} aria-label={t('themes.review.moveUpLabel', { text: excerpt(s.text) })} onClick={async () => report(await moveQuote(project.guid, theme.guid, s.guid, i - 1, db))}>
                        {t('themes.review.moveUp')}
                      </button>
                      <button
                        type="button"
                        disabled={i === quotes.length - 1}
                        aria-label={t('themes.review.moveDownLabel', { text: excerpt(s.text) })}
                        onClick={async () => report(await moveQuote(project.guid, theme.guid, s.guid, i + 1, db))}
                      >
                        {t('themes.review.moveDown')}
                      </button>
                      <button type="button" aria-label={t('themes.review.unpickLabel', { text: excerpt(s.text) })} onClick={async () => report(await pickQuote(project.guid, theme.guid, s.guid, false, db))}>
                        {t('themes.review.unpick')}
                      </button>
                    </span>
                  </li>
                ))}
              </ol>
            )}
          </section>

          <section aria-labelledby={`${id}-docs`}>
            <h3 id={`${id}-docs`}>{t('themes.review.byDocument')}</h3>
            <ContributionTable labelledBy={`${id}-docs`} first={t('themes.review.document')} rows={contributionsByDocument(segments)} />
          </section>

          <section aria-labelledby={`${id}-vars`}>
            <h3 id={`${id}-vars`} className="theme-var-heading">
              <label htmlFor={`${id}-var`}>{t('themes.review.byVariable')}</label>{' '}
              <select id={`${id}-var`} value={splitBy} onChange={(e) => setVariable(e.target.value)}>
                  <option value="">{t('themes.review.noVariable')}</option>
                  {variableNames.map((n) => (
                    <option key={n} value={n}>
                      {n}
                    </option>
                  ))}
              </select>
            </h3>
            {splitBy !== '' && (
              <ContributionTable
                labelledBy={`${id}-vars`}
                first={t('themes.review.value')}
                rows={contributionsByVariable(segments, splitBy).map((r) => (r.key === '' ? { ...r, label: t('themes.review.noValue') } : r))}
              />
            )}
          </section>
        </div>
      </div>
    </div>
  );
}

function ContributionTable(props: { labelledBy: string; first: string; rows: readonly Contribution[] }) {
  const { t } = useTranslation();
  return (
    <table className="theme-table" aria-labelledby={props.labelledBy}>
      <thead>
        <tr>
          <th scope="col">{props.first}</th>
          <th scope="col">{t('themes.review.segmentsColumn')}</th>
          <th scope="col">{t('themes.review.documentsColumn')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.key}>
            <th scope="row">{r.label}</th>
            <td>{r.segments}</td>
            <td>{r.documents}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { MergePreparation, PreparedFile } from '../../../commands/merge';
import type { MergePlan } from '../../../domain/merge';
import type { Guid } from '../../../domain/model';
import { bundleFailureText } from '../bundles/bundle-errors';
import { RefiReportView } from '../bundles/RefiReportView';

/** A picked file the browser could not read at all (before it is parsed as a bundle). */
export interface UnreadableFile {
  readonly name: string;
  readonly detail: string;
}

interface Props {
  readonly prep: MergePreparation;
  /** One plan per file that was read, in order. */
  readonly plans: readonly MergePlan[];
  readonly unreadable: readonly UnreadableFile[];
  /** Incoming code and coder GUIDs whose match by name the lead unticked. */
  readonly rejected: ReadonlySet<Guid>;
  onToggle(incomingGuid: Guid): void;
  /** While the merge is written, the choices can no longer change. */
  readonly disabled: boolean;
}

/** The confirmation screen: per file what will match, what will be added and what will be skipped. */
export function MergePlanView({ prep, plans, unreadable, rejected, onToggle, disabled }: Props) {
  const { t } = useTranslation();
  let next = 0;
  const planOf = prep.files.map((f) => (f.ok ? plans[next++] : undefined));
  return (
    <div className="merge-plan">
      <p>{t('team.merge.checkIntro')}</p>
      {unreadable.map((f) => (
        <FileProblem key={`unreadable-${f.name}`} name={f.name} text={t('team.merge.unreadable', { detail: f.detail })} />
      ))}
      {prep.files.map((file, i) => {
        const plan = planOf[i];
        if (!file.ok) return <FileProblem key={i} name={file.name} text={bundleFailureText(t, file)} />;
        return plan && <FilePlan key={i} file={file} plan={plan} rejected={rejected} onToggle={onToggle} disabled={disabled} />;
      })}
      {!prep.files.some((f) => f.ok) && <p className="merge-problem">{t('team.merge.nothingToMerge')}</p>}
    </div>
  );
}

function FileProblem({ name, text }: { name: string; text: string }) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <section className="merge-file" aria-labelledby={id}>
      <h3 id={id}>{name}</h3>
      <p className="merge-problem">{t('team.merge.fileFailed', { reason: text })}</p>
    </section>
  );
}

function FilePlan(props: {
  file: Extract<PreparedFile, { ok: true }>;
  plan: MergePlan;
  rejected: ReadonlySet<Guid>;
  onToggle(guid: Guid): void;
  disabled: boolean;
}) {
  const { file, plan, rejected, onToggle, disabled } = props;
  const { t, i18n } = useTranslation();
  const id = useId();
  const { manifest, data } = file;
  const documentsByGuid = plan.documents.filter((d) => d.by === 'guid' && !d.textDiffers).length;
  const textDiffers = plan.documents.filter((d) => d.textDiffers);
  const codesByGuid = plan.codes.filter((c) => c.by === 'guid').length;
  const nameMatches = plan.codes.filter((c) => c.by === 'name');
  const newCodes = plan.codes.filter((c) => c.by === 'new');
  const coderMatches = plan.coders.filter((c) => c.by === 'name');
  return (
    <section className="merge-file" aria-labelledby={id}>
      <h3 id={id}>{file.name}</h3>
      {manifest && (
        <p className="hint">{t('team.merge.exportedBy', { name: manifest.exportedBy.name, date: formatDate(manifest.exportedAt, i18n.language) })}</p>
      )}
      {manifest?.kind === 'handout' && <p className="hint">{t('team.merge.handout')}</p>}
      {file.refi && <p className="hint">{t('team.merge.refiFile')}</p>}
      <p>
        {t('team.merge.work', {
          segments: t('team.merge.segments', { count: data.segments.length }),
          codings: t('team.merge.codings', { count: data.codings.length }),
        })}
      </p>

      <h4>{t('team.merge.coders')}</h4>
      {coderMatches.length < plan.coders.length && (
        <ul>
          {plan.coders
            .filter((c) => c.by !== 'name')
            .map((c) => (
              <li key={c.incoming.guid}>
                <span className="coder-dot" style={{ background: c.incoming.color }} aria-hidden="true" />
                {t(c.by === 'guid' ? 'team.merge.coderKnown' : 'team.merge.coderNew', { name: c.incoming.name })}
              </li>
            ))}
        </ul>
      )}
      {coderMatches.length > 0 && (
        <fieldset className="merge-name-matches" aria-describedby={`${id}-coder-hint`}>
          <legend>{t('team.merge.coderMatches')}</legend>
          <p id={`${id}-coder-hint`} className="hint">
            {t('team.merge.coderMatchHint')}
          </p>
          {coderMatches.map((m) => (
            <label key={m.incoming.guid} className="merge-check">
              <input type="checkbox" checked={!rejected.has(m.incoming.guid)} disabled={disabled} onChange={() => onToggle(m.incoming.guid)} />
              <span>{t('team.merge.coderSamePerson', { name: m.incoming.name, target: m.target?.name ?? '' })}</span>
            </label>
          ))}
        </fieldset>
      )}

      <h4>{t('team.merge.documents')}</h4>
      <ul>
        {documentsByGuid > 0 && <li>{t('team.merge.documentsByGuid', { count: documentsByGuid })}</li>}
        {plan.documents
          .filter((d) => d.by === 'text')
          .map((d) => (
            <li key={d.incoming.guid}>{t('team.merge.documentByText', { name: d.incoming.name, target: d.target?.name ?? '' })}</li>
          ))}
        {plan.documents
          .filter((d) => d.by === 'new')
          .map((d) => (
            <li key={d.incoming.guid}>{t('team.merge.documentNew', { name: d.incoming.name })}</li>
          ))}
      </ul>
      {textDiffers.map((d) => (
        <p key={d.incoming.guid} className="merge-warning">
          {t('team.merge.documentTextDiffers', { name: d.incoming.name, count: data.segments.filter((s) => s.documentGuid === d.incoming.guid).length })}
        </p>
      ))}

      <h4>{t('team.merge.codes')}</h4>
      {codesByGuid > 0 && <p>{t('team.merge.codesByGuid', { count: codesByGuid })}</p>}
      {nameMatches.length > 0 && (
        <fieldset className="merge-name-matches" aria-describedby={`${id}-hint`}>
          <legend>{t('team.merge.nameMatches')}</legend>
          <p id={`${id}-hint`} className="hint">
            {t('team.merge.nameMatchHint')}
          </p>
          {nameMatches.map((m) => (
            <label key={m.incoming.guid} className="merge-check">
              <input type="checkbox" checked={!rejected.has(m.incoming.guid)} disabled={disabled} onChange={() => onToggle(m.incoming.guid)} />
              <span>{t('team.merge.sameCode', { name: m.incoming.name, target: m.target?.name ?? '' })}</span>
            </label>
          ))}
        </fieldset>
      )}
      {newCodes.length > 0 && (
        <>
          <p>{t('team.merge.newCodes', { count: newCodes.length })}</p>
          <ul className="merge-new-codes">
            {newCodes.map((c) => (
              <li key={c.incoming.guid}>
                <span className="merge-swatch" style={{ background: c.incoming.color }} aria-hidden="true" />
                {c.incoming.name}
              </li>
            ))}
          </ul>
        </>
      )}
      {file.refi && (
        <details className="merge-refi-report" open>
          <summary>{t('team.merge.refiReport')}</summary>
          <RefiReportView report={file.refi} level={4} />
        </details>
      )}
    </section>
  );
}

function formatDate(iso: string, lang: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

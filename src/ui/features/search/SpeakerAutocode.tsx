import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ScopeDocument } from '../../../domain/analysis/scope';
import { speakerCounts, speakerTurnRanges } from '../../../domain/analysis/scope-speakers';
import type { Guid } from '../../../domain/model';
import { CodeChooser } from './CodeChooser';
import { useAutocode } from './use-autocode';

/** Codes every turn of one speaker in the filtered documents, without the label unless asked. */
export function SpeakerAutocode(props: { documents: readonly ScopeDocument[] }) {
  const { t } = useTranslation();
  const id = useId();
  const speakers = useMemo(() => speakerCounts(props.documents), [props.documents]);
  const [speaker, setSpeaker] = useState('');
  const [codeGuid, setCodeGuid] = useState<Guid | null>(null);
  const [includeLabel, setIncludeLabel] = useState(false);
  const { run, busy } = useAutocode();
  const chosen = speakers.find((s) => s.name === speaker);
  const ranges = useMemo(() => (chosen ? speakerTurnRanges(props.documents, chosen.name, { includeLabel }) : []), [chosen, props.documents, includeLabel]);

  return (
    <section className="speaker-autocode" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('search.speakers.title')}</h3>
      {speakers.length === 0 ? (
        <p className="muted">{t('search.speakers.none')}</p>
      ) : (
        <div className="search-row">
          <label htmlFor={`${id}-speaker`}>{t('search.speakers.speaker')}</label>
          <select id={`${id}-speaker`} value={speaker} onChange={(e) => setSpeaker(e.target.value)}>
            <option value="">{t('search.speakers.choose')}</option>
            {speakers.map((s) => (
              <option key={s.name} value={s.name}>
                {t('search.speakers.option', { name: s.name, turns: s.turns, documents: s.documents })}
              </option>
            ))}
          </select>
          <label className="inline-check">
            <input type="checkbox" checked={includeLabel} onChange={(e) => setIncludeLabel(e.target.checked)} /> {t('search.speakers.includeLabel')}
          </label>
          <CodeChooser value={codeGuid} onChange={setCodeGuid} />
          <button type="button" className="primary" disabled={busy || !codeGuid || ranges.length === 0} onClick={() => codeGuid && void run(codeGuid, ranges)}>
            {t('search.speakers.apply', { count: ranges.length })}
          </button>
        </div>
      )}
    </section>
  );
}

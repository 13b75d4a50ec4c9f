import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ancestors, foldForSearch } from '../../../domain/codebook';
import type { Code, Coder, DocumentRecord, Guid } from '../../../domain/model';

/** What to compare: coders (two or more), documents and codes, each a list of checkboxes. */
export function AgreementSelection(props: {
  coders: readonly Coder[];
  counts: ReadonlyMap<Guid, number>;
  chosenCoders: readonly Guid[];
  onCoders(guids: readonly Guid[]): void;
  documents: readonly DocumentRecord[];
  /** null: all. */
  chosenDocuments: ReadonlySet<Guid> | null;
  onDocuments(guids: ReadonlySet<Guid> | null): void;
  /** The codes used by the chosen coders, in codebook order. */
  codes: readonly Code[];
  /** null: all used. */
  chosenCodes: ReadonlySet<Guid> | null;
  onCodes(guids: ReadonlySet<Guid> | null): void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const [filter, setFilter] = useState('');
  const chosenCoders = new Set(props.chosenCoders);
  const allDocuments = props.documents.map((d) => d.guid);
  const allCodes = props.codes.map((c) => c.guid);
  const documentChosen = (guid: Guid) => !props.chosenDocuments || props.chosenDocuments.has(guid);
  const codeChosen = (guid: Guid) => !props.chosenCodes || props.chosenCodes.has(guid);
  const depth = useMemo(() => new Map(props.codes.map((c) => [c.guid, ancestors(props.codes, c.guid).length])), [props.codes]);
  const shown = useMemo(() => {
    const query = foldForSearch(filter.trim());
    return query ? props.codes.filter((c) => foldForSearch(c.name).includes(query)) : props.codes;
  }, [props.codes, filter]);

  const toggle = <T,>(all: readonly T[], chosen: (x: T) => boolean, x: T): Set<T> => new Set(all.filter((y) => (y === x ? !chosen(y) : chosen(y))));

  return (
    <div className="agreement-choice" role="group" aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('agreement.choose.heading')}</h3>
      <fieldset>
        <legend>{t('agreement.choose.coders')}</legend>
        <ul className="agreement-checks">
          {props.coders.map((coder) => (
            <li key={coder.guid}>
              <label>
                <input
                  type="checkbox"
                  checked={chosenCoders.has(coder.guid)}
                  onChange={() => props.onCoders(props.coders.filter((c) => (c.guid === coder.guid ? !chosenCoders.has(c.guid) : chosenCoders.has(c.guid))).map((c) => c.guid))}
                />
                <span className="coder-dot" style={{ background: coder.color }} aria-hidden="true" />
                {coder.name} <span className="muted">({t('agreement.choose.segments', { count: props.counts.get(coder.guid) ?? 0 })})</span>
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('agreement.choose.documents')}</legend>
        <AllNone onAll={() => props.onDocuments(null)} onNone={() => props.onDocuments(new Set())} />
        <ul className="agreement-checks agreement-scroll">
          {props.documents.map((document) => (
            <li key={document.guid}>
              <label>
                <input type="checkbox" checked={documentChosen(document.guid)} onChange={() => props.onDocuments(toggle(allDocuments, documentChosen, document.guid))} />
                {document.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <fieldset>
        <legend>{t('agreement.choose.codes')}</legend>
        <AllNone onAll={() => props.onCodes(null)} onNone={() => props.onCodes(new Set())} />
        <label className="stack-label">
          {t('agreement.choose.filter')}
          <input type="search" value={filter} onChange={(e) => setFilter(e.target.value)} />
        </label>
        {props.codes.length === 0 && <p className="muted">{t('agreement.choose.noCodes')}</p>}
        <ul className="agreement-checks agreement-scroll">
          {shown.map((code) => (
            <li key={code.guid} style={{ paddingLeft: `${(filter ? 0 : (depth.get(code.guid) ?? 0)) * 0.9}rem` }}>
              <label>
                <input type="checkbox" checked={codeChosen(code.guid)} onChange={() => props.onCodes(toggle(allCodes, codeChosen, code.guid))} />
                <span className="coder-dot" style={{ background: code.color }} aria-hidden="true" />
                {code.name}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
    </div>
  );
}

/** "All" and "None" for a fieldset (whose legend names what they choose). */
function AllNone({ onAll, onNone }: { onAll(): void; onNone(): void }) {
  const { t } = useTranslation();
  return (
    <div className="agreement-all-none">
      <button type="button" onClick={onAll}>
        {t('agreement.choose.all')}
      </button>
      <button type="button" onClick={onNone}>
        {t('agreement.choose.none')}
      </button>
    </div>
  );
}

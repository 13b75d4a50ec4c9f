import { useLiveQuery } from 'dexie-react-hooks';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setPhase, toggleChecklistItem } from '../../../commands/phases';
import type { Phase } from '../../../domain/model';
import { PHASES, phaseProgressOf, phaseTallies, type PhaseDefinition } from '../../../domain/phases';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { routeHash } from '../../shell/route';
import { OPEN_CODING_KEYS } from './OpenCoding';
import { requestOpenCoding } from './open-coding-request';
import { ReportDialog } from './ReportDialog';
import './phases.css';

/**
 * The phase guide: the six phases of thematic analysis, what each asks, where in Markeer it is
 * done and its checklist items (Braun & Clarke 2006) to tick off. A side panel beside the work,
 * not a modal dialog: the rest of the screen stays usable while it is open.
 */
export default function PhaseGuidePanel({ id, onClose }: { id: string; onClose(): void }) {
  const { t } = useTranslation();
  const { project } = useProject();
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const progress = phaseProgressOf(project);
  const tallies = phaseTallies(progress);
  const [expanded, setExpanded] = useState<ReadonlySet<Phase>>(() => new Set([progress.current]));
  const [reportOpen, setReportOpen] = useState(false);

  useEffect(() => heading.current?.focus(), []);
  // A phase made current opens, so that its checklist is at hand.
  const current = progress.current;
  useEffect(() => setExpanded((e) => (e.has(current) ? e : new Set([...e, current]))), [current]);

  const onKeyDown = (e: KeyboardEvent) => {
    // Escape in a dialog opened from here (rendered elsewhere in the page) is that dialog's.
    if (e.key !== 'Escape' || e.defaultPrevented || !panel.current?.contains(e.target as Node)) return;
    e.preventDefault();
    onClose();
  };

  return (
    <section ref={panel} id={id} className="phase-guide" role="dialog" aria-modal="false" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <div className="phase-guide-head">
        <h2 id={titleId} ref={heading} tabIndex={-1}>
          {t('phases.title')}
        </h2>
        <button type="button" className="phase-guide-close" aria-label={t('phases.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <p className="muted phase-guide-intro">{t('phases.intro')}</p>
      <ol className="phase-list">
        {PHASES.map((p) => (
          <PhaseSection
            key={p.phase}
            definition={p}
            current={p.phase === progress.current}
            done={progress.done}
            tally={tallies[p.phase - 1] ?? { done: 0, total: 0 }}
            expanded={expanded.has(p.phase)}
            onToggle={() =>
              setExpanded((e) => {
                const next = new Set(e);
                if (next.has(p.phase)) next.delete(p.phase);
                else next.add(p.phase);
                return next;
              })
            }
            onReport={() => setReportOpen(true)}
          />
        ))}
      </ol>
      <ReportDialog isOpen={reportOpen} onClose={() => setReportOpen(false)} />
    </section>
  );
}

function PhaseSection(props: {
  definition: PhaseDefinition;
  current: boolean;
  done: readonly string[];
  tally: { done: number; total: number };
  expanded: boolean;
  onToggle(): void;
  onReport(): void;
}) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { db, project } = useProject();
  const bodyId = useId();
  const title = useRef<HTMLButtonElement>(null);
  const { phase, items } = props.definition;
  const name = t(`phases.name.${phase}`);

  const makeCurrent = async () => {
    const r = await setPhase(project.guid, phase, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      return;
    }
    notify('info', t('phases.phaseSet', { n: phase, name }));
    // The button goes once the phase is current: the focus stays in the guide, on the phase.
    title.current?.focus();
  };
  const tick = async (itemId: string, done: boolean) => {
    const r = await toggleChecklistItem(project.guid, itemId, done, db);
    if (!r.ok) notify('error', failureText(t, r));
  };

  return (
    <li className={`phase${props.current ? ' phase-current' : ''}`} aria-current={props.current ? 'step' : undefined}>
      <h3 className="phase-title">
        <button ref={title} type="button" aria-expanded={props.expanded} aria-controls={bodyId} onClick={props.onToggle}>
          <span className="phase-number">{phase}.</span> {name}
          <span className="phase-tally">{t('phases.progress', { done: props.tally.done, total: props.tally.total })}</span>
        </button>
      </h3>
      {props.current && <p className="phase-badge">{t('phases.current')}</p>}
      <div id={bodyId} hidden={!props.expanded} className="phase-body">
        {props.expanded && (
          <>
            <p>{t(`phases.asks.${phase}`)}</p>
            {!props.current && (
              <button type="button" onClick={() => void makeCurrent()}>
                {t('phases.makeCurrent')}
              </button>
            )}
            <h4>{t('phases.whereInMarkeer')}</h4>
            <PhaseLinks phase={phase} onReport={props.onReport} />
            <fieldset className="phase-checklist">
              <legend>{t('phases.checklist')}</legend>
              {items.map((item) => {
                const checked = props.done.includes(item.id);
                return (
                  <label key={item.id} className="phase-item">
                    <input type="checkbox" checked={checked} onChange={() => void tick(item.id, !checked)} />
                    <span>
                      {t(`phases.items.${item.id}`)}
                      {item.criterion !== null && (
                        <>
                          {' '}
                          <abbr className="phase-criterion" title={t('phases.criterionTitle', { n: item.criterion })}>
                            {t('phases.criterion', { n: item.criterion })}
                          </abbr>
                        </>
                      )}
                    </span>
                  </label>
                );
              })}
            </fieldset>
          </>
        )}
      </div>
    </li>
  );
}

/** Where in Markeer a phase is done: links to the screens, and the actions that belong to it. */
function PhaseLinks({ phase, onReport }: { phase: Phase; onReport(): void }) {
  const { t } = useTranslation();
  const { project } = useProject();
  const coding = routeHash({ name: 'project', projectGuid: project.guid, documentGuid: null });
  const analysis = (tab: string) => `#/p/${project.guid}/a/${tab}`;
  const link = (href: string, label: string) => (
    <li key={label}>
      <a href={href}>{label}</a>
    </li>
  );
  const items: ReactNode[] = [];
  if (phase === 1) {
    items.push(link(coding, t('phases.links.documents')), link(analysis('memos'), t('phases.links.memos')), link(analysis('documents'), t('phases.links.variables')));
  } else if (phase === 2) {
    items.push(link(coding, t('phases.links.coding')));
  } else {
    items.push(link(analysis('themes'), t('phases.links.themes')));
    if (phase === 6) items.push(link(analysis('memos'), t('phases.links.memos')));
  }
  return (
    <>
      <ul className="phase-links">{items}</ul>
      {phase === 1 && <ReadCount />}
      {phase === 1 && <p className="hint">{t('phases.documentMemos')}</p>}
      {phase === 2 && <OpenCodingButtons />}
      {phase === 6 && (
        <button type="button" className="primary" onClick={onReport}>
          {t('phases.links.report')}
        </button>
      )}
    </>
  );
}

function ReadCount() {
  const { t } = useTranslation();
  const { db, project, coder } = useProject();
  const counts = useLiveQuery(async () => {
    const documents = await db.documents.where('projectGuid').equals(project.guid).toArray();
    return { read: documents.filter((d) => d.readBy?.includes(coder.guid)).length, total: documents.length };
  }, [db, project.guid, coder.guid]);
  if (!counts) return null;
  return <p className="phase-read-count">{t('phases.readCount', counts)}</p>;
}

/** Buttons for the two open-coding keys, for whoever does not know them (yet). */
function OpenCodingButtons() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const ask = (kind: 'in-vivo' | 'new') => {
    if (!requestOpenCoding(kind)) notify('info', t('phases.open.selectFirst'));
  };
  return (
    <>
      <p className="hint">{t('phases.open.keysHint')}</p>
      <div className="phase-open-coding">
        {(['in-vivo', 'new'] as const).map((kind) => (
          // The mouse press keeps the transcript's selection, which the code is made from.
          <button key={kind} type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => ask(kind)} aria-keyshortcuts={OPEN_CODING_KEYS[kind].aria} title={OPEN_CODING_KEYS[kind].label}>
            {t(kind === 'in-vivo' ? 'phases.open.inVivo' : 'phases.open.newCode')} <kbd>{OPEN_CODING_KEYS[kind].label}</kbd>
          </button>
        ))}
      </div>
    </>
  );
}

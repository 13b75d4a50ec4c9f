import { useLiveQuery } from 'dexie-react-hooks';
import { Suspense, useCallback, type ComponentProps, useEffect, useMemo, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { loadProjectSnapshot, releaseProjectSnapshot } from '../../../storage/project-snapshot';
import { afterPaint, whenIdle } from '../../shell/after-paint';
import { canFetchAhead, lazyPreload } from '../../shell/lazy-preload';
import { applyCode, planApplyCode, type ApplyCodeInput } from '../../../commands/coding';
import { history } from '../../../commands/history';
import { rememberedLens, rememberLens } from '../../../commands/coders';
import { touchProject } from '../../../commands/projects';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { EVERYONE, lensCoders, type CoderLens } from '../../../domain/lens';
import type { MarkeerDb } from '../../../storage/db';
import { getProject, listCoders, listCodes } from '../../../storage/queries';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { LensContext, useLens, type LensValue } from '../../shell/lens-context';
import { ProjectContext, useProject, type ProjectContextValue } from '../../shell/project-context';
import { routeHash, type AnalysisTab } from '../../shell/route';
import { CodebookPanel, type CodebookPanelProps } from '../codebook/CodebookPanel';
import { CodePalette } from '../coding/CodePalette';
import { DocumentDetails } from '../documents/DocumentDetails';
import { DocumentList } from '../documents/DocumentList';
import { ExerciseBanner } from '../exercises/ExerciseMenu';
import { useHiddenCodes, useVisibleCounts, visibleCodes } from '../exercises/hiding';
import { RetrievalPanel } from '../retrieval/RetrievalPanel';
import { OpenCoding } from '../phases/OpenCoding';
import { PhaseGuideButton } from '../phases/PhaseGuide';
import { DocumentPane, type OpenDocument } from './DocumentPane';
import { useCodingCounts } from './useCodingCounts';
import { UndoRedo } from './UndoRedo';
import './project.css';

type SideTab = 'codebook' | 'retrieval' | 'document';

import { CodersDialog } from './CodersDialog';
import { LensControl } from './LensControl';
import { ProjectMenu, preloadAgreementAhead, preloadAgreementDialog } from './ProjectMenu';
import type { AnalysisScreen as AnalysisScreenType } from '../analysis/AnalysisScreen';
import { SyncStatus } from '../sync/SyncStatus';
import { lensLabel } from './lens';
import { useCurrentSelection, useHasSelection, type Selection } from './current-selection';

export type { Selection };

const { Component: AnalysisScreen, preload: preloadAnalysisScreen } = lazyPreload<ComponentProps<typeof AnalysisScreenType>>(() => import('../analysis/AnalysisScreen').then((m) => ({ default: m.AnalysisScreen })));

export default function ProjectScreen({ db, projectGuid, documentGuid, analysis = null }: { db: MarkeerDb; projectGuid: string; documentGuid: string | null; analysis?: AnalysisTab | null }) {
  const { t } = useTranslation();
  const project = useLiveQuery(async () => (await getProject(db, projectGuid)) ?? null, [db, projectGuid]);
  const coders = useLiveQuery(() => listCoders(db, projectGuid), [db, projectGuid]);
  const codes = useLiveQuery(() => listCodes(db, projectGuid), [db, projectGuid]);
  const hiddenCodes = useHiddenCodes(db, project, codes);
  // Whose coding the views show: remembered per project in this browser (null: nothing remembered).
  const remembered = useLiveQuery(() => rememberedLens(projectGuid, db), [db, projectGuid]);
  const [chosenLens, setChosenLens] = useState<{ projectGuid: string; lens: CoderLens } | null>(null);

  useEffect(() => {
    void touchProject(projectGuid, db);
    return () => history.clear();
  }, [db, projectGuid]);

  const ctx = useMemo<ProjectContextValue | null>(() => {
    if (!project || !coders || !codes || !hiddenCodes) return null;
    const coder = coders.find((c) => c.guid === project.ownerCoderGuid) ?? coders[0];
    return coder ? { db, project, coder, coders, codes: visibleCodes(codes, hiddenCodes) } : null;
  }, [db, project, coders, codes, hiddenCodes]);

  const lensValue = useMemo<LensValue | null>(() => {
    if (!ctx || remembered === undefined) return null;
    const lens = (chosenLens?.projectGuid === projectGuid ? chosenLens.lens : null) ?? remembered ?? EVERYONE;
    const shown = lensCoders(lens, ctx.coders, ctx.coder.guid);
    // The exercise's hidden reference never shows, whatever the lens.
    const hidden = hiddenCoderGuid(ctx.project);
    const visible = shown && hidden && shown.has(hidden) ? new Set([...shown].filter((g) => g !== hidden)) : shown;
    return {
      lens,
      shown: visible,
      setLens: (next: CoderLens) => {
        setChosenLens({ projectGuid, lens: next });
        void rememberLens(projectGuid, next, db);
      },
    };
  }, [ctx, remembered, chosenLens, projectGuid, db]);

  useEffect(() => {
    if (project) document.title = `${project.name} – Markeer`;
    return () => {
      document.title = 'Markeer';
    };
  }, [project]);

  if (project === null) {
    return (
      <main id="main" className="start">
        <h1>{t('project.notFound')}</h1>
        <a href="#/">{t('project.backToList')}</a>
      </main>
    );
  }
  if (!ctx || !lensValue) return <main className="loading">{t('common.loading')}</main>;
  return (
    <ProjectContext.Provider value={ctx}>
      <LensContext.Provider value={lensValue}>
        <Workspace documentGuid={documentGuid} analysis={analysis} />
      </LensContext.Provider>
    </ProjectContext.Provider>
  );
}

/** This long after the workspace opened, the whole project is read ahead when the browser is idle. */
const READ_AHEAD_MS = 2000;
/** The coder counts as at work this long after a key, a click or a scroll: reading ahead waits. */
const CODER_AT_WORK_MS = 1000;
/** The code of the screens that work on the whole project, loaded ahead with it. */
const ANALYSIS_CODE: readonly (() => Promise<unknown>)[] = [preloadAnalysisScreen, () => import('../analysis/AnalysisScreen').then((m) => m.preloadAnalysisTabs()), preloadAgreementDialog, preloadAgreementAhead];

function Workspace({ documentGuid, analysis }: { documentGuid: string | null; analysis: AnalysisTab | null }) {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const ctx = useProject();
  const lens = useLens();
  const [tab, setTab] = useState<SideTab>('codebook');
  const [selectedCode, setSelectedCode] = useState<string | null>(null);
  const [paletteOpen, setPaletteOpen] = useState(false);
  const [codersOpen, setCodersOpen] = useState(false);
  // The one owner of the open document's selection: what a code applies to, or nothing.
  const selection = useCurrentSelection();
  const canApply = useHasSelection(selection);
  const currentSelection = useCallback(() => selection.get(), [selection]);
  // The palette applies to the selection there was when it opened.
  const [paletteRange, setPaletteRange] = useState<Selection | null>(null);
  const openPalette = useCallback((range?: Selection) => {
    setPaletteRange(range ?? selection.get());
    setPaletteOpen(true);
  }, [selection]);
  const [focus, setFocus] = useState<{ documentGuid: string; start: number; end: number; nonce: number; block?: 'center' | 'nearest' } | null>(null);
  const openDocument = useRef<OpenDocument | null>(null);

  const apply = useCallback(
    async (codeGuid: string, range: Selection | null = currentSelection()) => {
      if (!range) return false;
      const input: ApplyCodeInput = {
        projectGuid: ctx.project.guid,
        documentGuid: range.documentGuid,
        coderGuid: ctx.coder.guid,
        codeGuid,
        start: range.start,
        end: range.end,
      };
      // On the open document the new coding shows at once, before the write commits; a failed
      // write takes it back (and the message below says why).
      const known = openDocument.current?.documentGuid === range.documentGuid ? openDocument.current : null;
      const result = await applyCode(input, ctx.db, (known && planApplyCode(input, known)) ?? undefined);
      if (!result.ok) {
        notify('error', failureText(t, result));
        return false;
      }
      const code = ctx.codes.find((c) => c.guid === codeGuid);
      // The notice waits for the frame that paints the coding (the write may be done before it).
      afterPaint(() => {
        if (lens.shown && !lens.shown.has(ctx.coder.guid)) notify('info', t('lens.appliedHidden', { code: code?.name ?? '', label: lensLabel(t, lens.lens, ctx.coders, ctx.coder) }));
        else notify('info', t('coding.applied', { code: code?.name ?? '' }));
      });
      return true;
    },
    [ctx, lens, currentSelection, notify, t],
  );

  const onActivateCode = useCallback(
    (codeGuid: string) => {
      setSelectedCode(codeGuid);
      if (currentSelection()) void apply(codeGuid);
    },
    [apply, currentSelection],
  );

  const onShortcut = useCallback(
    (key: number) => {
      const code = ctx.codes.find((c) => c.shortcut === key);
      if (!code) {
        notify('info', t('coding.noShortcut', { key }));
        return;
      }
      if (!currentSelection()) {
        notify('info', t('coding.selectFirst'));
        return;
      }
      void apply(code.guid);
    },
    [ctx.codes, currentSelection, apply, notify, t],
  );

  // Project-wide keys: undo/redo and the code palette.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      const editing = !!target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT' || (target.isContentEditable && !target.classList.contains('transcript')));
      const mod = e.ctrlKey || e.metaKey;
      if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        openPalette();
        return;
      }
      if (editing || !mod) return;
      const key = e.key.toLowerCase();
      if (key === 'z' || key === 'y') {
        e.preventDefault();
        const redo = key === 'y' || e.shiftKey;
        void (redo ? history.redo() : history.undo()).then((r) => {
          if (r.ok) notify('info', t(redo ? 'history.redone' : 'history.undone', { step: t(r.value.label) }));
          else if (r.reason === 'changed-elsewhere') notify('error', failureText(t, r));
        });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [notify, t, openPalette]);

  // The analyses and the agreement dialog work on the whole project: it is read into memory once
  // the workspace is idle, so that they open at a click (storage/project-snapshot.ts), and let go
  // when the project closes.
  const { db } = ctx;
  const projectGuid = ctx.project.guid;
  // The project is in memory: the agreement dialog's first figures may be computed ahead (ProjectMenu).
  const [inMemory, setInMemory] = useState(false);
  useEffect(() => {
    let live = true;
    setInMemory(false);
    // While the coder is at work (a key, a click or a scroll in the last moment), reading ahead
    // waits: its pages are short tasks, but a key landing on one waits for it.
    let lastInput = -Infinity;
    const busy = () => performance.now() - lastInput < CODER_AT_WORK_MS;
    const seen = () => {
      lastInput = performance.now();
    };
    const inputs = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const type of inputs) window.addEventListener(type, seen, { capture: true, passive: true });
    const pause = async () => {
      while (live && busy()) await new Promise((resolve) => setTimeout(resolve, CODER_AT_WORK_MS));
    };
    // A moment after opening, once the document being opened is painted, when idle.
    const timer = setTimeout(() => {
      void whenIdle(READ_AHEAD_MS).then(async () => {
        await pause();
        // The analyses' code first (a click on Agreement spent half a second fetching and
        // compiling it), then their data.
        if (live && canFetchAhead()) await Promise.all(ANALYSIS_CODE.map((load) => load().catch(() => undefined)));
        await pause();
        if (live)
          void loadProjectSnapshot(db, projectGuid, busy).then(
            (data) => live && data !== null && setInMemory(true),
            () => undefined,
          );
      });
    }, READ_AHEAD_MS);
    return () => {
      live = false;
      clearTimeout(timer);
      for (const type of inputs) window.removeEventListener(type, seen, { capture: true });
      releaseProjectSnapshot(projectGuid);
    };
  }, [db, projectGuid]);

  const jumpTo = useCallback((target: { documentGuid: string; start: number; end: number }) => {
    window.location.hash = `#/p/${ctx.project.guid}/d/${target.documentGuid}`;
    setFocus({ ...target, nonce: Date.now() });
  }, [ctx.project.guid]);

  const headerSlot = typeof document !== 'undefined' ? document.getElementById('header-slot') : null;

  return (
    <>
      {headerSlot &&
        createPortal(
          <div className="project-header">
            <div className="project-title">
              <span className="project-name" title={ctx.project.name}>
                {ctx.project.name}
              </span>
              <button type="button" className="muted coder-name" title={t('project.coderTitle')} onClick={() => setCodersOpen(true)}>
                <span className="coder-dot" style={{ background: ctx.coder.color }} aria-hidden="true" />
                {ctx.coder.name}
              </button>
            </div>
            <CodersDialog isOpen={codersOpen} onClose={() => setCodersOpen(false)} />
            <PhaseGuideButton />
            <UndoRedo />
            {analysis ? (
              <a className="button-link" href={routeHash({ name: 'project', projectGuid: ctx.project.guid, documentGuid: null })}>
                {t('analysis.backToCoding')}
              </a>
            ) : (
              <a className="button-link" href={routeHash({ name: 'project', projectGuid: ctx.project.guid, documentGuid: null, analysis: 'documents' })}>
                {t('analysis.open')}
              </a>
            )}
            <SyncStatus />
            <ProjectMenu onJump={jumpTo} inMemory={inMemory} />
            <button type="button" onMouseDown={(e) => e.preventDefault()} onClick={() => openPalette()} aria-keyshortcuts="Control+K" title="Ctrl+K">
              {t('palette.open')}
            </button>
          </div>,
          headerSlot,
        )}
      <ExerciseBanner documentGuid={documentGuid} onJump={jumpTo} />
      {analysis ? (
        <Suspense fallback={<main className="loading">{t('common.loading')}</main>}>
          <AnalysisScreen tab={analysis} onJump={jumpTo} />
        </Suspense>
      ) : (
      <main id="main" className="workspace">
        <aside className="pane pane-documents" aria-label={t('project.documents')}>
          <DocumentList activeDocumentGuid={documentGuid} />
        </aside>
        <section className="pane pane-text" aria-label={t('project.transcript')}>
          {documentGuid ? (
            <DocumentPane
              key={documentGuid}
              documentGuid={documentGuid}
              focus={focus && focus.documentGuid === documentGuid ? focus : null}
              selectionReader={selection.reader}
              openDocument={openDocument}
              onShortcut={onShortcut}
              onAddCode={openPalette}
            />
          ) : (
            <div className="empty-state">
              <h1>{ctx.project.name}</h1>
              <p>{t('project.pickDocument')}</p>
            </div>
          )}
        </section>
        <aside className="pane pane-side" aria-label={t('project.sidePanel')}>
          <div role="tablist" className="tabs" aria-label={t('project.sidePanel')}>
            {(['codebook', 'retrieval', 'document'] as const).map((k) => (
              <button
                key={k}
                type="button"
                role="tab"
                id={`tab-${k}`}
                aria-selected={tab === k}
                aria-controls={`tabpanel-${k}`}
                tabIndex={tab === k ? 0 : -1}
                disabled={k === 'document' && !documentGuid}
                onClick={() => setTab(k)}
                onKeyDown={(e) => {
                  const order: SideTab[] = documentGuid ? ['codebook', 'retrieval', 'document'] : ['codebook', 'retrieval'];
                  const i = order.indexOf(k);
                  const next = e.key === 'ArrowRight' ? order[(i + 1) % order.length] : e.key === 'ArrowLeft' ? order[(i + order.length - 1) % order.length] : null;
                  if (next) {
                    e.preventDefault();
                    setTab(next);
                    document.getElementById(`tab-${next}`)?.focus();
                  }
                }}
                onMouseDown={(e) => e.preventDefault()}
              >
                {t(`project.tab.${k}`)}
              </button>
            ))}
          </div>
          <div role="tabpanel" id={`tabpanel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
            {tab === 'codebook' && (
              <CodebookTab selectedCodeGuid={selectedCode} onSelectCode={setSelectedCode} onActivateCode={onActivateCode} canApply={canApply} />
            )}
            {tab === 'retrieval' && <RetrievalPanel codeGuid={selectedCode} onSelectCode={setSelectedCode} onJump={jumpTo} />}
            {tab === 'document' && documentGuid && <DocumentDetails documentGuid={documentGuid} />}
          </div>
        </aside>
      </main>
      )}
      <OpenCoding currentSelection={currentSelection} />
      <CodePalette
        isOpen={paletteOpen}
        onClose={() => setPaletteOpen(false)}
        canApply={paletteRange !== null}
        onChoose={(codeGuid) => {
          setPaletteOpen(false);
          setSelectedCode(codeGuid);
          if (paletteRange) {
            // Give the selection back to the transcript, so a second code can follow at once.
            void apply(codeGuid, paletteRange).then(() => setFocus({ ...paletteRange, nonce: Date.now(), block: 'nearest' }));
          } else notify('info', t('coding.selectFirst'));
        }}
      />
    </>
  );
}

/** The codebook with its coding counts, which follow every committed coding without re-rendering the workspace. */
function CodebookTab(props: Omit<CodebookPanelProps, 'codingCounts'>) {
  const codingCounts = useVisibleCounts(useCodingCounts());
  return (
    <>
      <LensControl />
      <CodebookPanel codingCounts={codingCounts} {...props} />
    </>
  );
}

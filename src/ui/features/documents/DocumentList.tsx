import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useId, useRef, useState, type DragEvent } from 'react';
import type { DocumentRecord, Guid, Segment } from '../../../domain/model';
import { onCommitted } from '../../../storage/changes';
import { useTranslation } from 'react-i18next';
import { listDocuments, segmentCounts } from '../../../storage/queries';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';
import { navigate, routeHash } from '../../shell/route';
import { IMPORT_ACCEPT, importFailureText, readFiles } from './import-files';
import { importWarningsText } from './import-warnings';
import { PasteDialog } from './PasteDialog';
import { useVisibleSegmentCounts } from '../exercises/hiding';
import { useLens } from '../../shell/lens-context';
import { ReadTick } from '../phases/ReadMark';
import { afterPaint, whenIdle } from '../../shell/after-paint';
import { useAddDocuments } from './use-add-documents';
import './documents.css';

/** The project's documents as links, with import (picker or drag and drop) and paste. */
export function DocumentList(props: { activeDocumentGuid: string | null }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const headingId = useId();
  const hintId = useId();
  const documents = useLiveQuery(() => listDocuments(db, project.guid), [db, project.guid]);
  // The links show as soon as the documents are read; the counts, read when the browser is idle
  // (a request per document: 1,200 on a large project), fill in after them.
  const counts = useVisibleSegmentCounts(useSegmentCounts(documents));
  const { busy, importFiles } = useImport();
  const [pasteOpen, setPasteOpen] = useState(false);
  const drop = useFileDrop((files) => void importFiles(files));
  const inputRef = useRef<HTMLInputElement>(null);

  return (
    <>
      <section className={`doc-list${drop.active ? ' doc-list-dropping' : ''}`} aria-labelledby={headingId} aria-describedby={hintId} aria-busy={busy} {...drop.handlers}>
        <h2 id={headingId} className="doc-list-title">
          {t('documents.title')}
        </h2>
        <div className="doc-list-actions">
          {/* aria-disabled rather than disabled: a disabled button would drop the keyboard focus. */}
          <button type="button" onClick={() => !busy && inputRef.current?.click()} aria-disabled={busy}>
            {busy ? t('documents.importing') : t('documents.importFiles')}
          </button>
          <button type="button" onClick={() => setPasteOpen(true)}>
            {t('documents.newDocument')}
          </button>
          <input
            ref={inputRef}
            type="file"
            multiple
            accept={IMPORT_ACCEPT}
            className="doc-file-input"
            aria-label={t('documents.importInput')}
            tabIndex={-1}
            onChange={(e) => {
              const files = [...(e.target.files ?? [])];
              // Cleared so that choosing the same file again still imports it.
              e.target.value = '';
              if (files.length > 0) void importFiles(files);
            }}
          />
        </div>
        {documents === undefined ? null : documents.length === 0 ? (
          <p className="doc-list-empty muted">{t('documents.empty')}</p>
        ) : (
          <ul className="doc-list-items">
            {documents.map((d) => (
              <DocumentLink
                key={d.guid}
                document={d}
                href={routeHash({ name: 'project', projectGuid: project.guid, documentGuid: d.guid })}
                active={d.guid === props.activeDocumentGuid}
                // Until the counts are read, a space holds the line: the list does not move when they come.
                count={counts ? t('documents.segmentCount', { count: counts.get(d.guid) ?? 0 }) : '\u00a0'}
              />
            ))}
          </ul>
        )}
        <p id={hintId} className="doc-drop-hint muted">
          {t('documents.importHint')}
        </p>
        {drop.active && (
          <div className="doc-drop-overlay" aria-hidden="true">
            {t('documents.dropHere')}
          </div>
        )}
      </section>
      {/* Outside the drop zone: React events bubble through portals, and a drop in the dialog is not an import. */}
      <PasteDialog mode="create" isOpen={pasteOpen} onClose={() => setPasteOpen(false)} />
    </>
  );
}

/**
 * One document's link. Memoised: opening another document re-renders two rows, not every row of a
 * project with 1,200 documents.
 */
const DocumentLink = memo(function DocumentLink(props: { document: DocumentRecord; href: string; active: boolean; count: string }) {
  const { document: d, active } = props;
  return (
    <li>
      <a href={props.href} className={`doc-link${active ? ' doc-link-active' : ''}`} aria-current={active ? 'page' : undefined}>
        <span className="doc-link-name">{d.name}</span>
        <span className="doc-link-count">
          {props.count}
          <ReadTick document={d} />
        </span>
      </a>
    </li>
  );
});

/**
 * Segments per document under the coder lens, counted once (from the index when the lens shows
 * everyone) and then adjusted by the segments that commands commit here or in another tab, so
 * that a new coding does not count every document's segments again (120 counts on a large project).
 */
function useSegmentCounts(documents: readonly DocumentRecord[] | undefined): ReadonlyMap<Guid, number> | undefined {
  const { db, project } = useProject();
  const { shown } = useLens();
  const [counts, setCounts] = useState<ReadonlyMap<Guid, number> | undefined>(undefined);
  const documentList = documents?.map((d) => d.guid).join(',');
  const shownList = shown === null ? null : [...shown].sort().join(',');
  useEffect(() => {
    if (documentList === undefined) return;
    let live = true;
    let reads = 0;
    const coders = shownList === null ? null : new Set(shownList.split(',').filter(Boolean));
    const counted = (s: Segment | undefined): s is Segment => s?.projectGuid === project.guid && (coders === null || coders.has(s.coderGuid));
    // Counted a chunk at a time (storage/queries.ts countInChunks): the documents counted so far,
    // and the writes to them heard while the rest is counted, added to the counts read.
    const countedAlready = new Set<Guid>();
    const late: [Guid, number][] = [];
    const off = onCommitted((changes) => {
      const deltas: [Guid, number][] = [];
      for (const c of changes) {
        if (c.table !== 'segments') continue;
        const before = c.before as unknown as Segment | undefined;
        const after = c.after as unknown as Segment | undefined;
        if (counted(before)) deltas.push([before.documentGuid, -1]);
        if (counted(after)) deltas.push([after.documentGuid, 1]);
      }
      if (deltas.length === 0 || !live) return;
      // Documents counted before this write committed: their counts being read do not have it.
      if (reads === 0) for (const d of deltas) if (countedAlready.has(d[0])) late.push(d);
      // After the frame that paints the coding: the counts are not what the coder waits for. A
      // count read meanwhile replaces what came before it, as it would have replaced the deltas.
      const epoch = reads;
      afterPaint(() => {
        if (!live || epoch !== reads) return;
        setCounts((prev) => {
          if (!prev) return prev;
          const next = new Map(prev);
          for (const [doc, by] of deltas) next.set(doc, (next.get(doc) ?? 0) + by);
          return next;
        });
      });
    });
    const guids = documentList === '' ? [] : documentList.split(',');
    const read = async (): Promise<Map<Guid, number> | null> => {
      // Counting every document's segments (a request per document) can wait until the document
      // being opened is painted, and stops when the list has gone.
      await whenIdle();
      if (coders === null) {
        const counts = await segmentCounts(db, project.guid, guids, { stopped: () => !live, onChunk: (chunk) => chunk.forEach((d) => countedAlready.add(d)) });
        if (!counts) return null;
        for (const [doc, by] of late) counts.set(doc, (counts.get(doc) ?? 0) + by);
        return counts;
      }
      const out = new Map<Guid, number>(guids.map((g) => [g, 0]));
      await db.segments.where('projectGuid').equals(project.guid).each((s) => {
        if (coders.has(s.coderGuid) && out.has(s.documentGuid)) out.set(s.documentGuid, (out.get(s.documentGuid) ?? 0) + 1);
      });
      return out;
    };
    read().then(
      (read) => {
        if (read === null) return;
        // The counts include whatever was committed before they were read; they replace the deltas.
        reads++;
        if (live) setCounts(read);
      },
      // A database closed meanwhile (the screen is gone): there is nothing to show.
      () => undefined,
    );
    return () => {
      live = false;
      off();
    };
  }, [db, project.guid, documentList, shownList]);
  return counts;
}

/** Reads files, adds the readable ones in one step and tells the user about each one that failed. */
function useImport() {
  const { t } = useTranslation();
  const { notify } = useNotify();
  const { project } = useProject();
  const add = useAddDocuments();
  const [busy, setBusy] = useState(false);
  const importFiles = async (files: readonly File[]) => {
    setBusy(true);
    try {
      const { imported, failures } = await readFiles(files);
      // The notice area keeps a few notices; many failures become one notice that lists them all.
      const problems = failures.map((f) => importFailureText(t, f));
      if (problems.length <= 3) for (const p of problems) notify('error', p);
      else notify('error', t('documents.importFailures', { count: problems.length, list: problems.join(' ') }));
      if (imported.length === 0) return;
      const result = await add(imported);
      if (!result.ok) {
        notify('error', failureText(t, result));
        return;
      }
      notify('info', t('documents.imported', { count: result.value.length }));
      // What was changed or could not be read in the imported files: one notice, it stays.
      const warnings = imported.flatMap((d) => importWarningsText(t, d.source, d.warnings) ?? []);
      if (warnings.length > 0) notify('warning', warnings.join('\n'));
      const only = result.value.length === 1 ? result.value[0] : undefined;
      if (only) navigate({ name: 'project', projectGuid: project.guid, documentGuid: only });
    } finally {
      setBusy(false);
    }
  };
  return { busy, importFiles };
}

/** Drag-and-drop of files onto an element, with whether files are being dragged over it. */
function useFileDrop(onFiles: (files: File[]) => void) {
  const [active, setActive] = useState(false);
  // dragenter and dragleave fire for every child crossed; count them to know when the pointer left.
  const depth = useRef(0);
  const carriesFiles = (e: DragEvent) => [...(e.dataTransfer?.types ?? [])].includes('Files');
  const handlers = {
    onDragEnter: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current += 1;
      setActive(true);
    },
    onDragOver: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
    },
    onDragLeave: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setActive(false);
    },
    onDrop: (e: DragEvent) => {
      if (!carriesFiles(e)) return;
      e.preventDefault();
      depth.current = 0;
      setActive(false);
      const files = [...(e.dataTransfer.files ?? [])];
      if (files.length > 0) onFiles(files);
    },
  };
  return { active, handlers };
}

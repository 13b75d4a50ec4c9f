import { useLiveQuery } from 'dexie-react-hooks';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { hiddenCoderGuid } from '../../../domain/exercise';
import type { Code, Coding, Segment } from '../../../domain/model';
import type { Change } from '../../../storage/changes';
import { afterPaint, holdIdle } from '../../shell/after-paint';
import { useLens } from '../../shell/lens-context';
import { applySpeakerMap } from '../../../domain/turns';
import { getDocumentText } from '../../../storage/queries';
import type { KnownDocument } from '../../../commands/coding';
import { findSegment, useDocumentCodings, type DocumentCodings } from './useDocumentCodings';
import { useProject } from '../../shell/project-context';
import { SegmentPanel } from '../coding/SegmentPanel';
import { ReadToggle } from '../phases/ReadMark';
import { useVisibleCodings } from '../exercises/hiding';
import { TranscriptView, type TextRange } from '../transcript/TranscriptView';
import type { Selection } from './current-selection';
import { LensControl } from './LensControl';
import { useLensCodings } from './lens';

const EMPTY: ReadonlyMap<string, readonly Coding[]> = new Map();
const NO_CODINGS: readonly Coding[] = [];

/** The open document as this tab holds it, for applying a code before the write commits. */
export type OpenDocument = KnownDocument & { readonly documentGuid: string };

/**
 * The open document: its title, its coded transcript and the segment panel. Memoised: a coding
 * committed elsewhere in the project re-renders only what shows it.
 */
export const DocumentPane = memo(function DocumentPane(props: {
  documentGuid: string;
  /** Receives the document's text and codings once read, so that a code can be applied to them at once. */
  openDocument: { current: OpenDocument | null };
  focus: (TextRange & { nonce: number; block?: 'center' | 'nearest' }) | null;
  /** Where this document registers how the browser's selection reads in its offsets (current-selection.ts). */
  selectionReader: { current: (() => Selection | null) | null };
  onShortcut(key: number): void;
  onAddCode(range: Selection): void;
}) {
  const { t } = useTranslation();
  const { db, project, codes } = useProject();
  const { shown: lensShown } = useLens();
  const { documentGuid } = props;
  const doc = useLiveQuery(async () => (await db.documents.get([project.guid, documentGuid])) ?? null, [db, project.guid, documentGuid]);
  const stored = useLiveQuery(async () => (await getDocumentText(db, project.guid, documentGuid)) ?? null, [db, project.guid, documentGuid]);
  // A new coding this screen shows is painted in the task that made it, before React renders it.
  const paintAhead = useRef<((segment: Segment, codeGuid: string) => void) | null>(null);
  const ahead = useRef<((changes: readonly Change[], next: DocumentCodings) => void) | null>(null);
  const hidden = hiddenCoderGuid(project);
  useLayoutEffect(() => {
    ahead.current = (changes, next) => {
      for (const c of changes) {
        if (c.table !== 'codings' || !c.after || c.before) continue;
        const coding = c.after as unknown as Coding;
        // Only what the transcript will show: the lens's coders, never an exercise's hidden reference.
        if (coding.documentGuid !== documentGuid || coding.coderGuid === hidden || (lensShown && !lensShown.has(coding.coderGuid))) continue;
        const added = changes.find((x) => x.table === 'segments' && x.after && (x.after as unknown as Segment).guid === coding.segmentGuid);
        const segment = (added?.after as unknown as Segment | undefined) ?? next.segments.find((x) => x.guid === coding.segmentGuid);
        if (segment) paintAhead.current?.(segment, coding.codeGuid);
      }
    };
  }, [documentGuid, hidden, lensShown]);
  const live = useDocumentCodings(db, project.guid, documentGuid, ahead);
  // Reads over the whole project (counts, the read-ahead) wait until this document is painted.
  const release = useRef<(() => void) | null>(null);
  useLayoutEffect(() => {
    const r = holdIdle();
    release.current = r;
    return r;
  }, []);
  // A student never sees the exercise's reference coding (features/exercises/hiding.ts).
  const coded = useVisibleCodings(live.codings);
  // What the coder lens shows; applying a code still finds the coder's own segments in all of it.
  const shown = useLensCodings(coded);
  const segments = shown?.segments;
  const [active, setActive] = useState<string[]>([]);

  const turns = useMemo(() => (stored && doc ? applySpeakerMap(stored.turns, doc.speakerMap) : []), [stored, doc]);
  const codingsBySegment = shown?.codingsBySegment ?? EMPTY;
  const codeMap = useMemo(() => new Map<string, Code>(codes.map((c) => [c.guid, c])), [codes]);
  const activeSet = useMemo(() => new Set(active.filter((g) => segments?.some((s) => s.guid === g))), [active, segments]);

  const { selectionReader } = props;
  const { openDocument } = props;
  // Planned against the latest lists, which a code applied a moment ago is in before React renders
  // it (a second key right after the first finds the segment the first one made).
  const { latest } = live;
  const ready = !!stored && !!coded;
  useLayoutEffect(() => {
    if (!stored || !ready) return;
    openDocument.current = {
      documentGuid,
      text: stored.text,
      segmentAt: (coderGuid, start, end) => {
        const now = latest();
        return now ? findSegment(now, coderGuid, start, end) : undefined;
      },
      codingsOf: (segmentGuid) => latest()?.codingsBySegment.get(segmentGuid) ?? NO_CODINGS,
    };
    return () => {
      if (openDocument.current?.documentGuid === documentGuid) openDocument.current = null;
    };
  }, [openDocument, documentGuid, stored, ready, latest]);

  const { rangeReader, read } = useMemo(() => {
    const ref: { current: (() => TextRange | null) | null } = { current: null };
    const own = (): Selection | null => {
      const r = ref.current?.() ?? null;
      return r ? { documentGuid, ...r } : null;
    };
    selectionReader.current = own;
    return { rangeReader: ref, read: own };
  }, [selectionReader, documentGuid]);
  // The document closes: its selection goes with it (unless the next document registered already).
  useEffect(
    () => () => {
      if (selectionReader.current !== read) return;
      selectionReader.current = null;
      document.dispatchEvent(new Event('selectionchange'));
    },
    [selectionReader, read],
  );

  const settled = doc === null || stored === null || (!!doc && !!stored && !!segments);
  useEffect(() => {
    if (settled) afterPaint(() => release.current?.());
  }, [settled]);

  if (doc === null || stored === null) return <p className="empty-state">{t('project.documentMissing')}</p>;
  if (!doc || !stored || !segments) return <p className="loading">{t('common.loading')}</p>;

  return (
    <div className="document-pane">
      <div className="document-head">
        <h1 className="document-title" title={doc.name}>
          {doc.name}
        </h1>
        <span className="muted">{t('project.segmentCount', { count: segments.length })}</span>
        <LensControl />
        <ReadToggle document={doc} />
      </div>
      <div className="document-main">
        <TranscriptView
          text={stored.text}
          turns={turns}
          segments={segments}
          codingsBySegment={codingsBySegment}
          codes={codeMap}
          activeSegmentGuids={activeSet}
          focus={props.focus}
          selectionReader={rangeReader}
          paintAhead={paintAhead}
          label={t('transcript.label', { name: doc.name })}
          onSegmentsAt={setActive}
          onShortcut={props.onShortcut}
        />
        {activeSet.size > 0 && (
          <SegmentPanel
            segments={segments.filter((s) => activeSet.has(s.guid))}
            codingsBySegment={codingsBySegment}
            turns={turns}
            onClose={() => setActive([])}
            onAddCode={(s) => props.onAddCode({ documentGuid, start: s.start, end: s.end })}
          />
        )}
      </div>
    </div>
  );
});

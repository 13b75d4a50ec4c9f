import { useEffect, useMemo, useSyncExternalStore } from 'react';

/** A range of the open document's text, in its UTF-16 offsets. */
export interface Selection {
  readonly documentGuid: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The one owner of "the current selection in the open document". It is the browser's selection,
 * read when asked (a key can arrive before the browser's selectionchange event), in document
 * offsets through the reader the open transcript registers: null when nothing is selected in the
 * transcript, whatever was selected before. Nothing keeps an older selection: a click on the
 * document title, or anything else that takes the selection away, leaves none to apply a code to.
 * Widgets that apply codes on a click (the code tree, the palette button) keep the browser's
 * selection by preventing the mouse-down's default.
 */
export class CurrentSelection {
  /** Set by the open transcript (DocumentPane): reads the browser's selection in document offsets. */
  readonly reader: { current: (() => Selection | null) | null } = { current: null };
  private last: Selection | null = null;
  private readonly listeners = new Set<() => void>();

  /** The selection now. */
  get(): Selection | null {
    return this.reader.current?.() ?? null;
  }

  /** The selection as of the last change the browser reported: what a render shows. */
  readonly snapshot = (): Selection | null => this.last;

  /** Reads the selection again and tells subscribers when it changed. */
  refresh(): void {
    const now = this.get();
    if (now?.documentGuid === this.last?.documentGuid && now?.start === this.last?.start && now?.end === this.last?.end) return;
    this.last = now;
    for (const l of this.listeners) l();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };
}

/** The workspace's selection owner, following the browser's selectionchange events. */
export function useCurrentSelection(): CurrentSelection {
  const owner = useMemo(() => new CurrentSelection(), []);
  useEffect(() => {
    const onChange = () => owner.refresh();
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  }, [owner]);
  return owner;
}

/** Whether there is a selection to apply a code to, re-rendering when that changes. */
export function useHasSelection(owner: CurrentSelection): boolean {
  return useSyncExternalStore(owner.subscribe, () => owner.snapshot() !== null);
}

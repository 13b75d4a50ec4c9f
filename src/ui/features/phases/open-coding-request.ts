/**
 * How buttons elsewhere (the phase guide) ask the project screen's open-coding handler to make a
 * code from the current selection, without holding the selection themselves.
 */
export type OpenCodingKind = 'in-vivo' | 'new';

let handler: ((kind: OpenCodingKind) => void) | null = null;

/** Installs the handler of the open project screen; returns the function that removes it. */
export function setOpenCodingHandler(next: (kind: OpenCodingKind) => void): () => void {
  handler = next;
  return () => {
    if (handler === next) handler = null;
  };
}

/** Asks for a code from the selection; false when no project screen listens. */
export function requestOpenCoding(kind: OpenCodingKind): boolean {
  if (!handler) return false;
  handler(kind);
  return true;
}

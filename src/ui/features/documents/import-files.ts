import type { TFunction } from 'i18next';
import { assertNever } from '../../../domain/assert';
import { MAX_DOCUMENT_CHARS, readDocumentTooLong } from '../../../domain/limits';
import type { ImportedText, ImportFailure } from '../../../io/import';

/** What the file picker offers; the same list importFile reads. */
export const IMPORT_ACCEPT = '.txt,.text,.md,.docx,.vtt,.srt';

/** A file that could not become a document, with the reason to tell the user. */
export interface FileFailure {
  readonly file: string;
  /** `file-unreadable` when the browser could not read the file's bytes at all. */
  readonly reason: ImportFailure | 'file-unreadable';
  readonly detail?: string;
}

/**
 * Reads each file and turns it into a document's name and text. Never throws: every file ends up
 * either imported or as a failure. The importers (with the .docx reader) load on first use.
 */
export async function readFiles(files: readonly File[]): Promise<{ imported: ImportedText[]; failures: FileFailure[] }> {
  const { importFile } = await import('../../../io/import');
  const results = await Promise.all(
    files.map(async (file): Promise<ImportedText | FileFailure> => {
      try {
        const bytes = new Uint8Array(await file.arrayBuffer());
        const result = await importFile(file.name, bytes);
        return result.ok ? result.value : { file: file.name, reason: result.reason, detail: result.detail };
      } catch (error) {
        return { file: file.name, reason: 'file-unreadable', detail: error instanceof Error ? error.message : String(error) };
      }
    }),
  );
  const imported: ImportedText[] = [];
  const failures: FileFailure[] = [];
  for (const r of results) {
    if ('reason' in r) failures.push(r);
    else imported.push(r);
  }
  return { imported, failures };
}

/** The user's text for a file that could not be imported, naming the file. */
export function importFailureText(t: TFunction, failure: FileFailure): string {
  const file = failure.file;
  switch (failure.reason) {
    case 'import-unsupported-type':
      return failure.detail
        ? t('documents.importFailure.unsupported', { file, extension: failure.detail })
        : t('documents.importFailure.noExtension', { file });
    case 'import-empty':
      return t('documents.importFailure.empty', { file });
    case 'import-empty-file':
      return t('documents.importFailure.emptyFile', { file });
    case 'import-docx-unreadable':
      return t('documents.importFailure.docxUnreadable', { file });
    case 'import-not-text':
      return t('documents.importFailure.notText', { file });
    case 'document-too-long':
      return t('documents.importFailure.tooLong', { file, length: readDocumentTooLong(failure.detail ?? '').length, limit: MAX_DOCUMENT_CHARS });
    case 'file-unreadable':
      return t('documents.importFailure.unreadable', { file });
    default:
      return assertNever(failure.reason);
  }
}

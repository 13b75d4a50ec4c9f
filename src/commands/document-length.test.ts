import { MAX_DOCUMENT_CHARS } from '../domain/limits';
import { addDocuments, editDocumentText } from './documents';
import { projectWithDocument } from './test-builders';

describe('a pasted or edited text longer than Markeer keeps', () => {
  it('is refused with its name and length, and none of the documents pasted with it is added', async () => {
    const f = await projectWithDocument('Een [kort] gesprek.');
    const result = await addDocuments(
      f.projectGuid,
      [
        { name: 'Kort', text: 'I: ja.' },
        { name: 'Geplakt', text: 'a'.repeat(MAX_DOCUMENT_CHARS + 1) },
      ],
      { db: f.db, firstOrder: 1 },
    );
    expect(result).toEqual({ ok: false, reason: 'document-too-long', detail: `${MAX_DOCUMENT_CHARS + 1} Geplakt` });
    expect(await f.db.documents.where('projectGuid').equals(f.projectGuid).count()).toBe(1);
    expect(await f.db.documentTexts.where('projectGuid').equals(f.projectGuid).count()).toBe(1);
  });

  it('is refused when it replaces a document’s text, and the text stays as it was', async () => {
    const f = await projectWithDocument('Een [kort] gesprek.');
    const result = await editDocumentText(f.projectGuid, f.documentGuid, 'a'.repeat(MAX_DOCUMENT_CHARS + 1), f.db);
    expect(result).toEqual({ ok: false, reason: 'document-too-long', detail: `${MAX_DOCUMENT_CHARS + 1} Doc` });
    expect((await f.db.documentTexts.get([f.projectGuid, f.documentGuid]))?.text).toBe(f.text);
  }, 30_000);
});

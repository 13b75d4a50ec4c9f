import { checkDocumentLength, describeDocumentTooLong, MAX_DOCUMENT_CHARS, readDocumentTooLong } from './limits';

describe('the longest document Markeer keeps', () => {
  it('lets a document up to the limit through and refuses one a character longer', () => {
    expect(checkDocumentLength('Interview 1', 10, 10)).toBeNull();
    expect(checkDocumentLength('Interview 1', 11, 10)).toEqual({ ok: false, reason: 'document-too-long', detail: '11 Interview 1' });
    expect(checkDocumentLength('Interview 1', MAX_DOCUMENT_CHARS)).toBeNull();
    expect(checkDocumentLength('Interview 1', MAX_DOCUMENT_CHARS + 1)).not.toBeNull();
  });

  it('gives the name and length back from the failure, whatever the name holds', () => {
    for (const name of ['Interview 1', ' spaces  around ', '12 34', '__proto__', '']) {
      const failure = checkDocumentLength(name, 200_000_000);
      expect(readDocumentTooLong(failure?.detail ?? '')).toEqual({ name, length: 200_000_000 });
    }
  });

  it('says in English the document, its size and the limit', () => {
    expect(describeDocumentTooLong('200000000 t01-200mb')).toBe(
      'document “t01-200mb” is too long: 200,000,000 characters, more than the 40,000,000 Markeer keeps in one document (characters counted as UTF-16 code units)',
    );
  });
});

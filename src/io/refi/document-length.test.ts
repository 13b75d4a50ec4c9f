import { MAX_DOCUMENT_CHARS } from '../../domain/limits';
import { imported, zipOf } from './test-support';

describe('a REFI-QDA source longer than Markeer keeps', () => {
  it('is left out with its selections and listed with its length and the limit; the other sources come in', async () => {
    const qde =
      '<Project name="p" xmlns="urn:QDA-XML:project:1.0"><Sources>' +
      '<TextSource guid="11111111-1111-4111-8111-111111111111" name="kort" plainTextPath="internal://kort.txt"/>' +
      '<TextSource guid="22222222-2222-4222-8222-222222222222" name="lang" plainTextPath="internal://lang.txt">' +
      '<PlainTextSelection guid="33333333-3333-4333-8333-333333333333" startPosition="0" endPosition="5"/></TextSource>' +
      '</Sources></Project>';
    const bytes = await zipOf({ 'project.qde': qde, 'sources/kort.txt': 'I: kort.', 'sources/lang.txt': 'a'.repeat(MAX_DOCUMENT_CHARS + 1) });
    const { data, report } = await imported('p.qdpx', bytes);
    expect(data.documents.map((d) => d.name)).toEqual(['kort']);
    expect(report.discarded).toContain('document “lang” and its 1 selection: 40,000,001 characters, more than the 40,000,000 Markeer keeps in one document');
  }, 60_000);
});

import { documentTooLong } from '../../domain/limits';
import { bundleFailureText } from '../features/bundles/bundle-errors';
import { importFailureText } from '../features/documents/import-files';
import { testI18n } from '../i18n/test-i18n';
import { failureText } from './errors';

describe('the message for a document longer than Markeer keeps', () => {
  const failure = documentTooLong('Interview 3', 200_000_000);

  it('names the document, its size and the limit, with numbers written the language’s way', () => {
    expect(failureText(testI18n('en').t, failure)).toBe(
      'The document “Interview 3” is too long to store: 200,000,000 characters, and Markeer keeps documents of up to 40,000,000 characters. Nothing was changed; split the text into parts.',
    );
    expect(failureText(testI18n('nl').t, failure)).toBe(
      'Het document “Interview 3” is te lang om op te slaan: 200.000.000 tekens, en Markeer bewaart documenten tot 40.000.000 tekens. Er is niets veranderd; splits de tekst in delen.',
    );
  });

  it('says so for a bundle or REFI-QDA project, and for an imported file', () => {
    expect(bundleFailureText(testI18n('nl').t, failure)).toBe(
      'Het document “Interview 3” in dit bestand is te lang: 200.000.000 tekens, en Markeer bewaart documenten tot 40.000.000 tekens. Er is niets geïmporteerd.',
    );
    expect(importFailureText(testI18n('en').t, { file: 'Interview 3.txt', ...failure })).toBe(
      'Interview 3.txt: this document is too long to store: 200,000,000 characters, and Markeer keeps documents of up to 40,000,000 characters. Split it into parts and import those.',
    );
  });
});

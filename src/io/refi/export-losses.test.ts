// @vitest-environment node
import { exportQdpx } from './export';
import { imported, memoOf, projectWith } from './test-support';

const NOW = '2026-11-23T09:00:00.000Z';

describe('what a .qdpx cannot hold', () => {
  it('lists each name and text that loses a control character or half a surrogate pair: which record, which field, which characters', async () => {
    const base = projectWith('Alpha [beta] gamma', { comment: 'ok\u0001' });
    const data = {
      ...base,
      project: { ...base.project, name: 'Project\u0007' },
      coders: base.coders.map((c) => ({ ...c, name: 'Ann\ud800' })),
      documents: base.documents.map((d) => ({ ...d, name: 'Inter\u001fview', variables: { 'school\u0002': 'Noord\u0003' } })),
      groups: [{ guid: '90000000-0000-4000-8000-000000000001', projectGuid: base.project.guid, name: 'Ouders\u000b', description: '', documentGuids: [base.documents[0]!.guid], order: 0 }],
      memos: [memoOf('70000000-0000-4000-8000-000000000001', 'project', null, 'Titel\u0008', 'Tekst\udc00')],
    };
    const { bytes, lost } = await exportQdpx(data, { positions: 'codepoints', now: NOW });
    expect(lost).toEqual(
      expect.arrayContaining([
        'the name of the project: U+0007 dropped (XML cannot hold it)',
        'the name of coder “Ann”: U+D800 dropped (XML cannot hold it)',
        'the name of document “Interview”: U+001F dropped (XML cannot hold it)',
        'the comment of the segment “beta” in document “Interview”: U+0001 dropped (XML cannot hold it)',
        'the name of variable “school”: U+0002 dropped (XML cannot hold it)',
        'the value of variable “school” of document “Interview”: U+0003 dropped (XML cannot hold it)',
        'the name of document group “Ouders”: U+000B dropped (XML cannot hold it)',
        'the title of memo “Titel”: U+0008 dropped (XML cannot hold it)',
      ]),
    );
    expect(lost.filter((l) => l.startsWith('the text of memo “Titel”'))).toHaveLength(1);
    // And the file holds the rest of each name.
    const back = await imported('project.qdpx', bytes);
    expect(back.data.project.name).toBe('Project');
    expect(back.data.documents.map((d) => [d.name, Object.entries(d.variables)])).toEqual([['Interview', [['school', 'Noord']]]]);
  });
});

import { matchRank } from './CodePalette';

describe('code palette ranking', () => {
  it('puts a code whose name starts a word before one that only contains the query', () => {
    expect(matchRank('acties', 'gedragsmatig reageren', 'acties')).toBeLessThan(matchRank('reacties formuleren', 'cognitief reageren', 'acties'));
    expect(matchRank('benodigde materialen', '', 'mat')).toBeLessThan(matchRank('automatisch', '', 'mat'));
  });

  it('finds a code through the name of its parent, after codes matching by name', () => {
    expect(matchRank('werkplek', 'basisvoorwaarden voor leren', 'basis')).toBe(4);
    expect(matchRank('werkplek', 'basisvoorwaarden voor leren', 'xyz')).toBe(5);
  });
});

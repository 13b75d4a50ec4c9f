import { addLine, codeLine, emptyQuery, groupExpr, groupLine, updateLine, type BuilderGroup } from './builder';

const code = (codeGuid: string) => ({ op: 'code' as const, codeGuid, withDescendants: false });

describe('the query builder', () => {
  it('reads the lines top to bottom, a group as one line', () => {
    const inner = groupLine('andNot');
    let q: BuilderGroup = { kind: 'group', lines: [codeLine('a'), codeLine('b', 'or'), inner] };
    q = updateLine(q, inner.item.kind === 'group' ? (inner.item.lines[0]?.id ?? '') : '', (l) => ({ ...l, item: { kind: 'code', codeGuid: 'c' } }));
    q = addLine(q, inner.id, codeLine('d', 'overlaps'));
    expect(groupExpr(q, false)).toEqual({
      op: 'and',
      args: [{ op: 'or', args: [code('a'), code('b')] }, { op: 'not', arg: { op: 'overlaps', a: code('c'), b: code('d') } }],
    });
  });

  it('leaves out lines without a code, so that a half-built query already runs', () => {
    expect(groupExpr(emptyQuery(), true)).toBeNull();
    const q: BuilderGroup = { kind: 'group', lines: [codeLine(null), codeLine('b', 'andNot'), groupLine('or')] };
    expect(groupExpr(q, true)).toEqual({ op: 'code', codeGuid: 'b', withDescendants: true });
  });

  it('removes a line anywhere in the query', () => {
    const keep = codeLine('a');
    const gone = codeLine('b', 'or');
    expect(updateLine({ kind: 'group', lines: [keep, gone] }, gone.id, () => null).lines).toEqual([keep]);
  });
});

import { NO_FILTER } from './filter';
import { cellSegments, computeCooccurrence, computeMatrix, cooccurrenceAt, cooccurrenceSegments, MatrixError, prepareMatrixAhead, quotationMatrix, type MatrixColumns, type MatrixCount } from './matrix';
import { fixtureProject } from './matrix-fixture';

// Three interviews at two schools; "Contact" has two children.
const T1 = 'De school belde elke week. Ouders kregen een laptop mee. Zo’n gesprek hielp echt.';
const T2 = 'Wij hoorden weinig van de school. De mentor mailde soms.';
const T3 = 'Geen contact.';
const project = () =>
  fixtureProject({
    coders: ['Anna', 'Bram'],
    documents: [
      { name: 'Ouder 1', text: T1, variables: { school: 'Noord', groep: 'Ouder' } },
      { name: 'Leraar 1', text: T2, variables: { school: 'Noord', groep: 'Leraar' } },
      { name: 'Ouder 2', text: T3, variables: { school: 'Zuid' } },
    ],
    codes: [{ name: 'Contact' }, { name: 'Eenrichting', parent: 'Contact' }, { name: 'Tweerichting', parent: 'Contact' }, { name: 'Middelen' }],
    groups: [
      { name: 'Noord', documents: ['Ouder 1', 'Leraar 1'] },
      { name: 'Ouders', documents: ['Ouder 1', 'Ouder 2'] },
    ],
    segments: [
      // 0: coded with the parent and a child: counts once for Contact
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Contact', 'Eenrichting'] },
      // 1: overlaps 0 ("elke week"), coded with the other child
      { doc: 'Ouder 1', at: 'elke week. Ouders kregen', codes: ['Tweerichting'] },
      // 2: another coder on the same passage as 0: a segment of its own
      { doc: 'Ouder 1', at: 'De school belde elke week.', codes: ['Eenrichting'], coder: 'Bram' },
      { doc: 'Ouder 1', at: 'een laptop', codes: ['Middelen'] },
      { doc: 'Leraar 1', at: 'De mentor mailde soms.', codes: ['Eenrichting', 'Tweerichting'] },
    ],
  });

const matrix = (columns: MatrixColumns, count: MatrixCount, filter = NO_FILTER) => {
  const { data, ids } = project();
  const m = computeMatrix(data, { columns, count, filter });
  // columns by document or group name; variable columns by value
  const key = (column: string) => (columns.kind === 'variable' ? column : (ids[column] ?? column));
  const cell = (code: string, column: string) => m.rows.find((r) => r.codeGuid === ids[code])?.cells[key(column)];
  const own = (code: string, column: string) => m.rows.find((r) => r.codeGuid === ids[code])?.own[key(column)];
  return { m, ids, data, cell, own };
};

describe('the code matrix', () => {
  it('lists the codes in tree order with their depth, parents before children', () => {
    const { m } = matrix({ kind: 'documents' }, 'segments');
    expect(m.rows.map((r) => [r.name, r.depth, r.hasChildren])).toEqual([
      ['Contact', 0, true],
      ['Eenrichting', 1, false],
      ['Tweerichting', 1, false],
      ['Middelen', 0, false],
    ]);
    expect(m.columns.map((c) => c.label)).toEqual(['Ouder 1', 'Leraar 1', 'Ouder 2']);
  });

  it('counts distinct segments, rolling children up into their parent once per segment', () => {
    const { cell, own } = matrix({ kind: 'documents' }, 'segments');
    // Ouder 1: segments 0, 1, 2 are all under Contact (0 has Contact and a child): 3, not 4
    expect(cell('Contact', 'Ouder 1')).toBe(3);
    expect(own('Contact', 'Ouder 1')).toBe(1);
    expect(cell('Eenrichting', 'Ouder 1')).toBe(2); // Anna's and Bram's segments both count
    expect(cell('Tweerichting', 'Ouder 1')).toBe(1);
    // Leraar 1: one segment with two children counts once for the parent
    expect(cell('Contact', 'Leraar 1')).toBe(1);
    expect(cell('Eenrichting', 'Leraar 1')).toBe(1);
    expect(cell('Tweerichting', 'Leraar 1')).toBe(1);
    expect(cell('Contact', 'Ouder 2')).toBe(0);
    expect(cell('Middelen', 'Ouder 1')).toBe(1);
  });

  it('counts documents with the code, against the number of documents in each column', () => {
    const { m, cell } = matrix({ kind: 'variable', name: 'groep' }, 'documents');
    expect(m.columns.map((c) => [c.key, c.label, c.documents])).toEqual([
      ['Leraar', 'Leraar', 1],
      ['Ouder', 'Ouder', 1],
      ['', '(no value)', 1],
    ]);
    expect(cell('Contact', 'Ouder')).toBe(1);
    expect(cell('Contact', 'Leraar')).toBe(1);
    expect(cell('Contact', '')).toBe(0);
    const bySchool = matrix({ kind: 'variable', name: 'school' }, 'documents');
    expect(bySchool.m.columns.map((c) => [c.key, c.documents])).toEqual([
      ['Noord', 2],
      ['Zuid', 1],
    ]);
    expect(bySchool.cell('Contact', 'Noord')).toBe(2);
    expect(bySchool.cell('Eenrichting', 'Noord')).toBe(2);
    expect(bySchool.cell('Middelen', 'Noord')).toBe(1);
    expect(bySchool.m.rows[0]?.total).toBe(2);
  });

  it('counts words in the union of overlapping segments, each word once', () => {
    const { cell, own } = matrix({ kind: 'documents' }, 'words');
    // "De school belde elke week." (5) joined with "elke week. Ouders kregen" (+2) = 7
    expect(cell('Contact', 'Ouder 1')).toBe(7);
    expect(own('Contact', 'Ouder 1')).toBe(5);
    expect(cell('Tweerichting', 'Ouder 1')).toBe(4);
    expect(cell('Middelen', 'Ouder 1')).toBe(2);
    expect(cell('Contact', 'Leraar 1')).toBe(4);
  });

  it('counts a word that a segment covers only partly, and joins apostrophes and hyphens inside words', () => {
    const { data, ids } = fixtureProject({
      documents: [{ name: 'D', text: 'Zo’n ouder-kindgesprek duurde 20 minuten.' }],
      codes: [{ name: 'A' }],
      segments: [
        { doc: 'D', at: [2, 10], codes: ['A'] }, // "’n ouder" inside "Zo’n" and "ouder-kindgesprek"
        { doc: 'D', at: 'minu', codes: ['A'] },
      ],
    });
    const m = computeMatrix(data, { columns: { kind: 'documents' }, count: 'words', filter: NO_FILTER });
    expect(m.rows[0]?.cells[ids.D as string]).toBe(3);
  });

  it('counts a document in every group it belongs to', () => {
    const { m, cell } = matrix({ kind: 'groups' }, 'segments');
    expect(m.columns.map((c) => [c.label, c.documents])).toEqual([
      ['Noord', 2],
      ['Ouders', 2],
    ]);
    expect(cell('Contact', 'Noord')).toBe(4);
    expect(cell('Contact', 'Ouders')).toBe(3);
    expect(cell('Middelen', 'Noord')).toBe(1);
    expect(cell('Middelen', 'Ouders')).toBe(1);
  });

  it('counts only the chosen coders’ work and only the filtered documents', () => {
    const { ids } = project();
    const onlyBram = matrix({ kind: 'documents' }, 'segments', { ...NO_FILTER, coderGuids: [ids.Bram as string] });
    expect(onlyBram.cell('Contact', 'Ouder 1')).toBe(1);
    expect(onlyBram.cell('Tweerichting', 'Ouder 1')).toBe(0);
    expect(onlyBram.cell('Contact', 'Leraar 1')).toBe(0);
    const noord = matrix({ kind: 'documents' }, 'segments', { ...NO_FILTER, variables: [{ name: 'school', values: ['Noord'] }] });
    expect(noord.m.columns.map((c) => c.label)).toEqual(['Ouder 1', 'Leraar 1']);
    expect(noord.m.documents).toBe(2);
  });

  it('refuses a variable the project does not have', () => {
    const { data } = project();
    expect(() => computeMatrix(data, { columns: { kind: 'variable', name: 'regio' }, count: 'segments', filter: NO_FILTER })).toThrow(MatrixError);
  });

  it('opens the segments behind a cell, rolled up, in document order', () => {
    const { data, ids } = project();
    const segs = cellSegments(data, { columns: { kind: 'variable', name: 'school' }, filter: NO_FILTER }, ids.Contact as string, 'Noord');
    expect(segs.map((s) => s.text)).toEqual(['De school belde elke week.', 'De school belde elke week.', 'elke week. Ouders kregen', 'De mentor mailde soms.']);
    expect(cellSegments(data, { columns: { kind: 'documents' }, filter: NO_FILTER }, ids.Middelen as string, ids['Leraar 1'] as string)).toEqual([]);
  });
});

describe('co-occurrence', () => {
  it('counts overlapping pairs of segments, a segment with two codes included, symmetric, with the segment count on the diagonal', () => {
    const { data, ids } = project();
    const c = computeCooccurrence(data, { filter: NO_FILTER, rollUp: false, acrossCoders: true });
    const at = (a: string, b: string) => cooccurrenceAt(c, '', ids[a] as string, ids[b] as string);
    // Eenrichting segments: 0 (Anna), 2 (Bram), Leraar's. Tweerichting: 1, Leraar's.
    // Pairs that overlap: (0,1), (2,1) in Ouder 1 and the Leraar segment with itself.
    expect(at('Eenrichting', 'Tweerichting')).toBe(3);
    expect(at('Tweerichting', 'Eenrichting')).toBe(3);
    expect(at('Eenrichting', 'Eenrichting')).toBe(3);
    expect(at('Contact', 'Eenrichting')).toBe(2); // segment 0 with itself and with Bram's segment 2
    expect(at('Contact', 'Tweerichting')).toBe(1);
    expect(at('Middelen', 'Contact')).toBe(0);
    expect(c.codes.map((x) => x.name)).toEqual(['Contact', 'Eenrichting', 'Tweerichting', 'Middelen']);
  });

  it('opens the segments behind a co-occurrence cell', () => {
    const { data, ids } = project();
    const texts = cooccurrenceSegments(data, { filter: NO_FILTER, rollUp: false, acrossCoders: true }, ids.Eenrichting as string, ids.Tweerichting as string).map((s) => `${s.coderGuid === ids.Bram ? 'B' : 'A'}:${s.text}`);
    expect(texts).toEqual(['A:De school belde elke week.', 'B:De school belde elke week.', 'A:elke week. Ouders kregen', 'A:De mentor mailde soms.']);
    expect(cooccurrenceSegments(data, { filter: NO_FILTER, splitBy: 'groep' }, ids.Middelen as string, ids.Middelen as string, 'Ouder').map((s) => s.text)).toEqual(['een laptop']);
  });

  it('counts only one coder’s own segments together unless asked: Anna’s code beside Bram’s is not co-occurrence', () => {
    const { data, ids } = project();
    const c = computeCooccurrence(data, { filter: NO_FILTER, rollUp: false });
    const at = (a: string, b: string) => cooccurrenceAt(c, '', ids[a] as string, ids[b] as string);
    // Across coders: 3 and 2 (the test above); Bram's segment 2 overlapped Anna's 0 and 1.
    expect(at('Eenrichting', 'Tweerichting')).toBe(2);
    expect(at('Contact', 'Eenrichting')).toBe(1);
    expect(at('Eenrichting', 'Eenrichting')).toBe(3);
    const texts = cooccurrenceSegments(data, { filter: NO_FILTER, rollUp: false }, ids.Eenrichting as string, ids.Tweerichting as string).map((s) => `${s.coderGuid === ids.Bram ? 'B' : 'A'}:${s.text}`);
    expect(texts).toEqual(['A:De school belde elke week.', 'A:elke week. Ouders kregen', 'A:De mentor mailde soms.']);
  });

  it('does not count segments that only touch', () => {
    const { data, ids } = fixtureProject({
      documents: [{ name: 'D', text: 'abcdef' }],
      codes: [{ name: 'A' }, { name: 'B' }],
      segments: [
        { doc: 'D', at: [0, 3], codes: ['A'] },
        { doc: 'D', at: [3, 6], codes: ['B'] },
      ],
    });
    expect(cooccurrenceAt(computeCooccurrence(data, { filter: NO_FILTER }), '', ids.A as string, ids.B as string)).toBe(0);
  });

  it('rolls children up into the parent when asked, and splits by a variable', () => {
    const { data, ids } = project();
    const c = computeCooccurrence(data, { filter: NO_FILTER, splitBy: 'groep', acrossCoders: true });
    expect(c.splits.map((s) => s.key)).toEqual(['Leraar', 'Ouder', '']);
    const at = (split: string, a: string, b: string) => cooccurrenceAt(c, split, ids[a] as string, ids[b] as string);
    expect(at('Ouder', 'Contact', 'Contact')).toBe(3);
    expect(at('Leraar', 'Contact', 'Contact')).toBe(1);
    expect(at('Leraar', 'Eenrichting', 'Tweerichting')).toBe(1);
    expect(at('Ouder', 'Eenrichting', 'Tweerichting')).toBe(2);
    expect(at('Ouder', 'Middelen', 'Contact')).toBe(0);
    expect(at('', 'Contact', 'Contact')).toBe(0);
  });
});

describe('the quotation matrix', () => {
  it('puts each code’s own segments in its cells, with a citation from the project’s template', () => {
    const { data, ids } = project();
    const q = quotationMatrix({ ...data, project: { ...data.project, citationTemplate: '({groep}, school {school})' } }, { columns: { kind: 'variable', name: 'groep' }, filter: NO_FILTER });
    const row = (name: string) => q.rows.find((r) => r.codeGuid === ids[name]);
    expect(row('Contact')?.cells.Ouder?.map((x) => x.text)).toEqual(['De school belde elke week.']);
    expect(row('Eenrichting')?.cells.Ouder?.map((x) => x.citation)).toEqual(['(Ouder, school Noord)', '(Ouder, school Noord)']);
    expect(row('Tweerichting')?.cells.Leraar?.map((x) => x.text)).toEqual(['De mentor mailde soms.']);
    const rolled = quotationMatrix(data, { columns: { kind: 'variable', name: 'groep' }, filter: NO_FILTER, rollUp: true });
    expect(rolled.rows[0]?.cells.Ouder).toHaveLength(3);
  });
});

describe('preparing ahead', () => {
  // The fixture's segments 600 times over (3,000 segments, more than a slice), each copy shifted
  // so that the copies interleave in range order with the originals.
  const big = () => {
    const { data, ids } = project();
    const segments = [...data.segments];
    const codings = [...data.codings];
    for (let k = 1; k <= 600; k++) {
      for (const s of data.segments) {
        const guid = `${String(k).padStart(8, '0')}-${s.guid.slice(9)}`;
        segments.push({ ...s, guid, start: s.start + (k % 3), end: s.end + (k % 5) });
        for (const c of data.codings) if (c.segmentGuid === s.guid) codings.push({ ...c, guid: `${guid.slice(0, 30)}${c.guid.slice(30)}`, segmentGuid: guid });
      }
    }
    return { data: { ...data, segments, codings }, ids };
  };
  const options = { columns: { kind: 'documents' }, count: 'segments', filter: NO_FILTER } as const;

  it('prepares in slices, and the matrices are those prepared at once', () => {
    const { data, ids } = big();
    const atOnce = computeMatrix({ ...data }, options);
    const ahead = { ...data };
    const job = prepareMatrixAhead(ahead, NO_FILTER);
    let slices = 1;
    while (!job.step(() => false)) slices++;
    expect(slices).toBeGreaterThan(2);
    expect(computeMatrix(ahead, options)).toEqual(atOnce);
    expect(atOnce.rows.find((r) => r.codeGuid === ids.Contact)?.total).toBe(601 * 4);
    const cell = { columns: { kind: 'documents' }, filter: NO_FILTER } as const;
    expect(cellSegments(ahead, cell, ids.Contact as string, ids['Ouder 1'] as string)).toEqual(cellSegments({ ...data }, cell, ids.Contact as string, ids['Ouder 1'] as string));
  });

  it('finishes a preparation begun ahead when a matrix is asked for halfway', () => {
    const { data } = big();
    const atOnce = computeMatrix({ ...data }, options);
    const halfway = { ...data };
    const job = prepareMatrixAhead(halfway, NO_FILTER);
    expect(job.step(() => false)).toBe(false);
    expect(computeMatrix(halfway, options)).toEqual(atOnce);
    // nothing left to do ahead
    expect(job.step(() => false)).toBe(true);
  });

  it('leaves a preparation under another filter as it is', () => {
    const { data, ids } = big();
    const bramOnly = { ...NO_FILTER, coderGuids: [ids.Bram as string] };
    const filtered = { ...data };
    const bram = computeMatrix(filtered, { ...options, filter: bramOnly });
    expect(bram.rows.find((r) => r.codeGuid === ids.Eenrichting)?.total).toBe(601);
    // the coder's own filter stays prepared: nothing to do ahead
    expect(prepareMatrixAhead(filtered, NO_FILTER).step(() => false)).toBe(true);
    expect(computeMatrix(filtered, { ...options, filter: bramOnly })).toEqual(bram);
    expect(computeMatrix(filtered, options)).toEqual(computeMatrix({ ...data }, options));
    // begun ahead, then a matrix under another filter: the preparation ahead stops
    const replaced = { ...data };
    const job = prepareMatrixAhead(replaced, NO_FILTER);
    expect(job.step(() => false)).toBe(false);
    expect(computeMatrix(replaced, { ...options, filter: bramOnly })).toEqual(bram);
    expect(job.step(() => false)).toBe(true);
  });
});

import { createCoder } from '../domain/factories';
import type { Guid } from '../domain/model';
import { applyCode } from './coding';
import { addCode } from './codes';
import {
  acceptAgreements,
  CONSENSUS_CODER_NAME,
  decisionKey,
  readConsensusDecisions,
  resolveDisagreement,
  type ConsensusChoice,
} from './consensus';
import { history } from './history';
import { projectWithDocument } from './test-builders';

const TEXT = 'Ik zag dat hij niet online kwam die week. Ik was boos.';
const at = (s: string) => ({ start: TEXT.indexOf(s), end: TEXT.indexOf(s) + s.length });
// Anna coded "dat hij niet online", Bram "niet online kwam die week": they agree on "niet online".
const ONLY_ANNA = at('dat hij ');
const ONLY_BRAM = at(' kwam die week');

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(result.reason);
  return result.value;
}

/** Anna (the owner) and Bram coded overlapping stretches with "Boos", a subcode of "Emotie". */
async function twoCoders() {
  const f = await projectWithDocument(`[${TEXT}]`, null);
  const emotie = await must(addCode(f.projectGuid, { name: 'Emotie', parentGuid: null }, f.db));
  const boos = await must(addCode(f.projectGuid, { name: 'Boos', parentGuid: emotie }, f.db));
  const bram = createCoder(f.projectGuid, 'Bram', '#b5179e');
  await f.db.coders.put(bram);
  const code = (coderGuid: Guid, text: string, codeGuid = boos) => must(applyCode({ ...f, coderGuid, codeGuid, ...at(text) }, f.db));
  await code(f.coderGuid, 'dat hij niet online');
  await code(bram.guid, 'niet online kwam die week');
  history.clear();
  const anna = f.coderGuid;
  const base = { projectGuid: f.projectGuid, documentGuid: f.documentGuid, coderA: anna, coderB: bram.guid };
  const resolve = (range: { start: number; end: number }, keep: ConsensusChoice, codeGuid = boos) =>
    must(resolveDisagreement({ ...base, ...range, codeGuid, keep }, f.db));
  return { ...f, emotie, boos, anna, bram: bram.guid, base, code, resolve };
}

/** The consensus coder's work, as "code name: text", sorted. */
async function consensusWork(f: Awaited<ReturnType<typeof twoCoders>>) {
  const coders = await f.db.coders.where('projectGuid').equals(f.projectGuid).toArray();
  const consensus = coders.filter((c) => c.name === CONSENSUS_CODER_NAME);
  expect(consensus.length).toBeLessThanOrEqual(1);
  const guid = consensus[0]?.guid;
  const codes = new Map((await f.db.codes.toArray()).map((c) => [c.guid, c.name]));
  const segments = new Map((await f.db.segments.toArray()).map((s) => [s.guid, s]));
  return (await f.db.codings.toArray())
    .filter((c) => c.coderGuid === guid)
    .map((c) => `${codes.get(c.codeGuid)}: ${segments.get(c.segmentGuid)?.text}`)
    .sort();
}

beforeEach(() => history.clear());

describe('resolveDisagreement', () => {
  it('keeps A’s coding as a segment of the consensus coder', async () => {
    const f = await twoCoders();
    const result = await f.resolve(ONLY_ANNA, 'a');
    expect(await consensusWork(f)).toEqual(['Boos: dat hij ']);
    const coder = await f.db.coders.get([f.projectGuid, result.consensusCoderGuid]);
    expect(coder?.name).toBe('Consensus');
    const segment = (await f.db.segments.toArray()).find((s) => s.coderGuid === result.consensusCoderGuid);
    expect(segment).toMatchObject({ ...ONLY_ANNA, documentGuid: f.documentGuid });
  });

  it('records nothing when the coder kept did not code the range', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_BRAM, 'a');
    await f.resolve(ONLY_ANNA, 'b');
    expect(await consensusWork(f)).toEqual([]);
  });

  it('keeps B’s coding, both, or neither', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_BRAM, 'b');
    expect(await consensusWork(f)).toEqual(['Boos:  kwam die week']);
    await f.resolve(ONLY_ANNA, 'both');
    expect(await consensusWork(f)).toEqual(['Boos:  kwam die week', 'Boos: dat hij ']);
    await f.resolve(ONLY_BRAM, 'neither');
    expect(await consensusWork(f)).toEqual(['Boos: dat hij ']);
  });

  it('replaces an earlier decision on the same range', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_ANNA, 'a');
    await f.resolve(ONLY_ANNA, 'neither');
    expect(await consensusWork(f)).toEqual([]);
    expect(await f.db.segments.count()).toBe(2);
  });

  it('creates the consensus coder once and reuses it', async () => {
    const f = await twoCoders();
    const first = await f.resolve(ONLY_ANNA, 'a');
    const second = await must(resolveDisagreement({ ...f.base, ...ONLY_BRAM, codeGuid: f.boos, keep: 'b' }, f.db));
    const third = await must(resolveDisagreement({ ...f.base, ...ONLY_BRAM, codeGuid: f.boos, keep: 'b', consensusCoderGuid: first.consensusCoderGuid }, f.db));
    expect(second.consensusCoderGuid).toBe(first.consensusCoderGuid);
    expect(third.consensusCoderGuid).toBe(first.consensusCoderGuid);
    const names = (await f.db.coders.toArray()).map((c) => c.name).sort();
    expect(names).toEqual(['Anna', 'Bram', 'Consensus']);
  });

  it('copies the kept coder’s subcodes when a parent code is reviewed', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_ANNA, 'a', f.emotie);
    expect(await consensusWork(f)).toEqual(['Boos: dat hij ']);
  });

  it('is undone as one step, which removes the decision', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_ANNA, 'a');
    await f.resolve(ONLY_BRAM, 'b');
    expect(history.peekUndo()?.label).toBe('history.consensus');
    await history.undo();
    expect(await consensusWork(f)).toEqual(['Boos: dat hij ']);
    await history.undo();
    expect(await consensusWork(f)).toEqual([]);
    expect(await f.db.coders.count()).toBe(2);
    await history.redo();
    expect(await consensusWork(f)).toEqual(['Boos: dat hij ']);
  });

  it('notes each choice, so that a decision to code nothing still shows as decided', async () => {
    const f = await twoCoders();
    await f.resolve(ONLY_BRAM, 'neither');
    const notes = await readConsensusDecisions(f.db, f.projectGuid);
    expect(notes).toEqual({ [decisionKey({ ...f.base, codeGuid: f.boos, ...ONLY_BRAM })]: 'neither' });
  });

  it('refuses a code or document that does not exist, and changes nothing', async () => {
    const f = await twoCoders();
    const r = await resolveDisagreement({ ...f.base, ...ONLY_ANNA, codeGuid: 'no-such-code', keep: 'a' }, f.db);
    expect(r).toMatchObject({ ok: false, reason: 'not-found' });
    expect(await f.db.coders.count()).toBe(2);
    expect(history.peekUndo()).toBeUndefined();
  });
});

describe('acceptAgreements', () => {
  it('copies what both coded into the consensus coder, joined with decisions next to it', async () => {
    const f = await twoCoders();
    const accepted = await must(acceptAgreements(f.projectGuid, f.documentGuid, f.emotie, f.anna, f.bram, f.db));
    expect(accepted.characters).toBe('niet online'.length);
    expect(await consensusWork(f)).toEqual(['Boos: niet online']);
    await f.resolve(ONLY_ANNA, 'a');
    await f.resolve(ONLY_BRAM, 'b');
    expect(await consensusWork(f)).toEqual(['Boos: dat hij niet online kwam die week']);
    await f.resolve(ONLY_BRAM, 'a');
    expect(await consensusWork(f)).toEqual(['Boos: dat hij niet online']);
  });

  it('copies nothing, and makes no coder, when the coders agree nowhere', async () => {
    const f = await twoCoders();
    const accepted = await must(acceptAgreements(f.projectGuid, f.documentGuid, f.boos, f.anna, 'nobody', f.db));
    expect(accepted).toEqual({ consensusCoderGuid: null, characters: 0 });
    expect(await f.db.coders.count()).toBe(2);
  });
});

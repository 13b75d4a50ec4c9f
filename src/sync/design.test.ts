import { PROJECT_TABLES } from '../domain/tables';
import { DESIGN_DOC_ID, DESIGN_VERSION, SYNC_TABLES, designDocument, parseRefusal } from './design';

interface UserCtx {
  name: string | null;
  roles: string[];
}
interface SecObj {
  admins?: { names?: string[]; roles?: string[] };
  members?: { names?: string[]; roles?: string[] };
}
type Doc = Record<string, unknown>;
type Validate = (newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx, secObj?: SecObj) => void;

const validate = new Function(`return ${designDocument().validate_doc_update}`)() as Validate;

const security: SecObj = { admins: { names: ['lead'], roles: [] }, members: { names: ['anna', 'bob', '__proto__'], roles: [] } };
const user = (name: string | null, ...roles: string[]): UserCtx => ({ name, roles });
const lead = user('lead');
const anna = user('anna');
const bob = user('bob');

const doc = (table: string, owner: string | null, key = '3f2a9c1e-0000-4000-8000-000000000001'): Doc => ({
  _id: `${table}:${key}`,
  table,
  owner,
  data: { guid: key },
});
const tombstone = (of: Doc): Doc => ({ _id: of._id, _rev: '2-abc', _deleted: true });

/** The reason the rules give for refusing a write, or 'allowed'. `secObj` null: none passed. */
function verdict(newDoc: Doc, oldDoc: Doc | null, userCtx: UserCtx, secObj: SecObj | null = security): string {
  try {
    validate(newDoc, oldDoc, userCtx, secObj ?? undefined);
    return 'allowed';
  } catch (thrown) {
    const forbidden = (thrown as { forbidden?: unknown }).forbidden;
    if (typeof forbidden !== 'string') throw thrown;
    return forbidden;
  }
}

describe('the design document', () => {
  it('is _design/markeer at the current version', () => {
    const design = designDocument();
    expect(design._id).toBe(DESIGN_DOC_ID);
    expect(design.language).toBe('javascript');
    expect(design.markeer.version).toBe(DESIGN_VERSION);
  });

  it('has a rule for the project record and every project table', () => {
    expect(new Set(SYNC_TABLES)).toEqual(new Set(['projects', ...PROJECT_TABLES.map((t) => t.store)]));
  });

  it('is written in ES5, which every CouchDB engine runs', () => {
    const source = designDocument().validate_doc_update;
    expect(source).toMatch(/^function \(newDoc, oldDoc, userCtx, secObj\) \{/);
    expect(source).not.toMatch(/=>|\blet\b|\bconst\b|\bclass\b|`|\.includes\(|\.startsWith\(|\.endsWith\(|\.\.\./);
  });
});

describe('the validate function', () => {
  it('refuses everyone who is neither a member nor a lead', () => {
    expect(verdict(doc('segments', 'carol'), null, user('carol'))).toBe('markeer:not-member');
    expect(verdict(doc('codes', null), null, user(null))).toBe('markeer:not-member');
  });

  it('counts members and leads by name or role', () => {
    const byRole: SecObj = { admins: { roles: ['leads'] }, members: { roles: ['team'] } };
    expect(verdict(doc('segments', 'carol'), null, user('carol', 'team'), byRole)).toBe('allowed');
    expect(verdict(doc('codes', null), null, user('carol', 'team'), byRole)).toBe('markeer:lead-only:codes');
    expect(verdict(doc('codes', null), null, user('dirk', 'leads'), byRole)).toBe('allowed');
  });

  it('lets a server admin write what a lead may', () => {
    expect(verdict(doc('codes', null), null, user('root', '_admin'), {})).toBe('allowed');
  });

  it('copes with a missing or partial security object', () => {
    expect(verdict(doc('codes', null), null, lead, null)).toBe('markeer:not-member');
    expect(verdict(doc('codes', null), null, lead, {})).toBe('markeer:not-member');
    expect(verdict(doc('codes', null), null, lead, { admins: { names: ['lead'] } })).toBe('allowed');
    expect(verdict(doc('segments', 'anna'), null, anna, { members: { names: ['anna'] } })).toBe('allowed');
  });

  it('refuses an id that does not start with its table', () => {
    expect(verdict({ ...doc('codes', null), _id: 'segments:x' }, null, lead)).toBe('markeer:bad-id');
    expect(verdict({ ...doc('codes', null), _id: 'codes:' }, null, lead)).toBe('markeer:bad-id');
    expect(verdict({ _id: 'codes:x', owner: null, data: {} }, null, lead)).toBe('markeer:bad-id');
  });

  it('refuses an unknown table, also one named after an Object property', () => {
    expect(verdict(doc('notes', null), null, lead)).toBe('markeer:unknown-table:notes');
    expect(verdict(doc('constructor', null), null, lead)).toBe('markeer:unknown-table:constructor');
    expect(verdict(doc('__proto__', null), null, lead)).toBe('markeer:unknown-table:__proto__');
  });

  it('refuses an owner that is neither a name nor null', () => {
    expect(verdict({ ...doc('segments', 'anna'), owner: 7 }, null, anna)).toBe('markeer:bad-owner');
    expect(verdict({ ...doc('segments', 'anna'), owner: undefined }, null, anna)).toBe('markeer:bad-owner');
  });

  it('lets only the owner write a segment, coding, memo or attempt', () => {
    for (const table of ['segments', 'codings', 'memos', 'attempts']) {
      expect(verdict(doc(table, 'anna'), null, anna)).toBe('allowed');
      expect(verdict(doc(table, 'anna'), doc(table, 'anna'), anna)).toBe('allowed');
      expect(verdict(doc(table, 'anna'), null, bob)).toBe(`markeer:not-owner:${table}:anna`);
    }
  });

  it('refuses the lead a coder’s segment', () => {
    expect(verdict(doc('segments', 'anna'), null, lead)).toBe('markeer:not-owner:segments:anna');
    expect(verdict(doc('segments', 'anna'), doc('segments', 'anna'), user('root', '_admin'), {})).toBe('markeer:not-owner:segments:anna');
  });

  it('lets only the lead write coder work without an owner (the consensus)', () => {
    expect(verdict(doc('segments', null), null, lead)).toBe('allowed');
    expect(verdict(doc('codings', null), null, anna)).toBe('markeer:lead-only:codings');
  });

  it('lets the lead and the coder themselves write a coder record', () => {
    expect(verdict(doc('coders', 'anna'), null, lead)).toBe('allowed');
    expect(verdict(doc('coders', 'anna'), doc('coders', 'anna'), anna)).toBe('allowed');
    expect(verdict(doc('coders', 'anna'), doc('coders', 'anna'), bob)).toBe('markeer:not-owner:coders:anna');
    expect(verdict(doc('coders', null), null, anna)).toBe('markeer:lead-only:coders');
    expect(verdict(doc('coders', null), null, lead)).toBe('allowed');
  });

  it('lets only the lead write the project, documents, texts, codes, variables, groups and themes', () => {
    for (const table of ['projects', 'documents', 'documentTexts', 'codes', 'variables', 'groups', 'themes']) {
      expect(verdict(doc(table, null), null, lead)).toBe('allowed');
      expect(verdict(doc(table, null), null, anna)).toBe(`markeer:lead-only:${table}`);
      expect(verdict(doc(table, 'anna'), null, anna)).toBe(`markeer:lead-only:${table}`);
    }
  });

  it('refuses to change a record’s owner', () => {
    expect(verdict(doc('segments', 'bob'), doc('segments', 'anna'), bob)).toBe('markeer:owner-changed:segments');
    expect(verdict(doc('codes', 'anna'), doc('codes', null), lead)).toBe('markeer:owner-changed:codes');
  });

  it('lets a record be written anew with another owner over a deletion', () => {
    const deleted = { ...tombstone(doc('segments', 'anna')) };
    expect(verdict(doc('segments', 'bob'), deleted, bob)).toBe('allowed');
  });

  it('judges a deletion without fields by the old revision', () => {
    const annas = doc('segments', 'anna');
    expect(verdict(tombstone(annas), annas, anna)).toBe('allowed');
    expect(verdict(tombstone(annas), annas, bob)).toBe('markeer:not-owner:segments:anna');
    expect(verdict(tombstone(annas), annas, lead)).toBe('markeer:not-owner:segments:anna');
    const code = doc('codes', null);
    expect(verdict(tombstone(code), code, lead)).toBe('allowed');
    expect(verdict(tombstone(code), code, anna)).toBe('markeer:lead-only:codes');
  });

  it('judges a deletion by the old owner, whatever owner the deletion claims', () => {
    const annas = doc('segments', 'anna');
    expect(verdict({ ...tombstone(annas), table: 'segments', owner: 'bob' }, annas, bob)).toBe('markeer:not-owner:segments:anna');
  });

  it('judges a deletion the server never saw the record of by its own fields', () => {
    const annas = doc('segments', 'anna');
    expect(verdict({ ...tombstone(annas), table: 'segments', owner: 'anna' }, null, anna)).toBe('allowed');
    expect(verdict({ ...tombstone(annas), table: 'segments', owner: 'anna' }, null, bob)).toBe('markeer:not-owner:segments:anna');
    expect(verdict(tombstone(annas), null, anna)).toBe('markeer:bad-id');
  });

  it('treats a user called __proto__ like any other', () => {
    const proto = user('__proto__');
    expect(verdict(doc('segments', '__proto__'), null, proto)).toBe('allowed');
    expect(verdict(doc('segments', 'anna'), null, proto)).toBe('markeer:not-owner:segments:anna');
    expect(verdict(doc('segments', '__proto__'), null, anna)).toBe('markeer:not-owner:segments:__proto__');
    expect(verdict(doc('codes', null), null, proto)).toBe('markeer:lead-only:codes');
    expect(verdict(doc('segments', 'constructor'), null, user('constructor'))).toBe('markeer:not-member');
  });

  it('lets only the lead update the rules themselves', () => {
    const design = { ...designDocument(), _rev: '1-abc' };
    expect(verdict(design, design, lead)).toBe('allowed');
    expect(verdict(design, design, anna)).toBe('markeer:lead-only:_design');
  });
});

describe('parseRefusal', () => {
  it('reads every reason of the rules', () => {
    expect(parseRefusal('markeer:not-member')).toEqual({ kind: 'not-member' });
    expect(parseRefusal('markeer:bad-id')).toEqual({ kind: 'bad-id' });
    expect(parseRefusal('markeer:bad-owner')).toEqual({ kind: 'bad-owner' });
    expect(parseRefusal('markeer:unknown-table:notes')).toEqual({ kind: 'unknown-table', table: 'notes' });
    expect(parseRefusal('markeer:owner-changed:segments')).toEqual({ kind: 'owner-changed', table: 'segments' });
    expect(parseRefusal('markeer:lead-only:codes')).toEqual({ kind: 'lead-only', table: 'codes' });
    expect(parseRefusal('markeer:not-owner:segments:anna')).toEqual({ kind: 'not-owner', table: 'segments', owner: 'anna' });
  });

  it('keeps a user name with colons whole', () => {
    expect(parseRefusal('markeer:not-owner:memos:a:b')).toEqual({ kind: 'not-owner', table: 'memos', owner: 'a:b' });
    expect(parseRefusal('markeer:not-owner:memos:__proto__')).toEqual({ kind: 'not-owner', table: 'memos', owner: '__proto__' });
  });

  it('gives any other text back as it is', () => {
    for (const text of ['Document update conflict.', 'markeer:', 'markeer:whatever', 'markeer:lead-only', 'markeer:not-owner:segments', 'markeer:not-member:x']) {
      expect(parseRefusal(text)).toEqual({ kind: 'other', text });
    }
  });

  it('reads what the validate function throws', () => {
    expect(parseRefusal(verdict(doc('segments', 'anna'), null, bob))).toEqual({ kind: 'not-owner', table: 'segments', owner: 'anna' });
  });
});

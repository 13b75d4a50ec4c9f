import type { ProjectData } from './project-data';

/**
 * Every table of a project, declared once. The database schema, the project reader and writer,
 * bundles, merge and the command line iterate this list; hand-outs (`io/bundle/serialize.ts`
 * HANDOUT) and the exercise builder (`domain/exercise.ts`, a ProjectData literal) name every list in
 * a record the compiler checks is complete. So a new table cannot be forgotten in one of them:
 * `storage/db.test.ts` fails when the database has a table that is not declared here, and the
 * declaration must name every list of `ProjectData`.
 */
export interface TableDeclaration<L extends ListName = ListName> {
  /** The list's name in `ProjectData` and in a bundle's project.json. */
  readonly list: L;
  /** The Dexie table that stores it. */
  readonly store: string;
  /** The field that, with `projectGuid`, is the primary key: `[projectGuid+<key>]`. */
  readonly key: 'guid' | 'documentGuid';
  /** Dexie's index list after the primary key (the newest schema version). */
  readonly indexes: readonly string[];
  /** How merge matches a record of a coder's project to one of the lead's, and combines them. */
  readonly merge: string;
  /** What of it a hand-out bundle (documents and codebook for coders) carries. */
  readonly handout: string;
  /** What of it an exercise bundle (given to students) carries. */
  readonly exercise: string;
  /** How it travels in REFI-QDA (`.qdpx`), or why it does not. */
  readonly refi: string;
}

/** The names of a project's lists: every key of ProjectData but the project record itself. */
export type ListName = Exclude<keyof ProjectData, 'project'>;

/** The record type of a list. */
export type RowOf<L extends ListName> = ProjectData[L][number];

const tables = [
  {
    list: 'coders',
    store: 'coders',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by GUID, else by name when the lead confirms (the same person exported from another tool); a new coder gets a colour no other coder has',
    handout: 'all',
    exercise: 'the reference coder only',
    refi: 'Users/User',
  },
  {
    list: 'documents',
    store: 'documents',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by GUID, else by the SHA-256 of the text; a matched document gains the variable values it lacks (a different value stays the lead’s and is reported)',
    handout: 'all',
    exercise: 'the chosen documents',
    refi: 'Sources/TextSource with its VariableValues (import also reads Cases)',
  },
  {
    list: 'texts',
    store: 'documentTexts',
    key: 'documentGuid',
    indexes: ['projectGuid'],
    merge: "with its document: added when the document is added",
    handout: 'all',
    exercise: 'of the chosen documents',
    refi: 'sources/<guid>.txt in the .qdpx',
  },
  {
    list: 'codes',
    store: 'codes',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by GUID, else by its path of names from the root, else by a name only one lead code has (ignoring case and accents), when the lead confirms',
    handout: 'all',
    exercise: 'all, or only the reference coding’s codes and their ancestors (open coding)',
    refi: 'CodeBook/Codes/Code',
  },
  {
    list: 'segments',
    store: 'segments',
    key: 'guid',
    indexes: ['projectGuid', '[projectGuid+documentGuid]', '[projectGuid+documentGuid+coderGuid+start+end]'],
    merge: 'one segment per coder, document and range: the same coder’s identical segment is matched, never doubled; a comment the lead’s copy lacks is taken',
    handout: 'none',
    exercise: 'the reference coder’s on the chosen documents',
    refi: 'PlainTextSelection (comment as Description)',
  },
  {
    list: 'codings',
    store: 'codings',
    key: 'guid',
    indexes: ['projectGuid', '[projectGuid+segmentGuid]', '[projectGuid+codeGuid]', '[projectGuid+documentGuid]'],
    merge: 'one coding per segment and code',
    handout: 'none',
    exercise: 'of the exercise’s segments',
    refi: 'Coding/CodeRef',
  },
  {
    list: 'variables',
    store: 'variables',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by name; the lead’s type wins',
    handout: 'all',
    exercise: 'all',
    refi: 'Variables/Variable',
  },
  {
    list: 'groups',
    store: 'groups',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by GUID, else by name: a matched group gains the members it lacks',
    handout: 'all',
    exercise: 'with the chosen documents only; empty groups dropped',
    refi: 'Sets/Set of MemberSource',
  },
  {
    list: 'memos',
    store: 'memos',
    key: 'guid',
    indexes: ['projectGuid', '[projectGuid+targetGuid]'],
    merge: 'by GUID, else by the same text on the same target: kept once; a newer, different version of the same GUID is kept beside the lead’s as a memo of its own',
    handout: 'all but memos on segments',
    exercise: 'none',
    refi: 'Notes/Note with NoteRef from its target',
  },
  {
    list: 'themes',
    store: 'themes',
    key: 'guid',
    indexes: ['projectGuid'],
    merge: 'by GUID, else by name: a matched theme gains the codes and quotations it lacks',
    handout: 'all, without quotations',
    exercise: 'none',
    refi: 'Sets/Set of MemberCode',
  },
  {
    list: 'attempts',
    store: 'attempts',
    key: 'guid',
    indexes: ['projectGuid', '[projectGuid+coderGuid]'],
    merge: 'by GUID: a student’s history, added once',
    handout: 'none',
    exercise: 'none',
    refi: 'not represented (Markeer’s own exercise feedback)',
  },
] as const satisfies readonly TableDeclaration[];

/** Every project table, in project.json's order of list names (code-unit order). */
export const PROJECT_TABLES: readonly TableDeclaration[] = [...tables].sort((a, b) => (a.list < b.list ? -1 : a.list > b.list ? 1 : 0));

/** Every list name, in PROJECT_TABLES' order. */
export const PROJECT_LISTS: readonly ListName[] = PROJECT_TABLES.map((t) => t.list);

type Declared = (typeof tables)[number]['list'];
/** The storage names of the project tables (the declaration's `store`). */
export type StoreName = (typeof tables)[number]['store'];
/** The storage name of a list's table. */
export type StoreOf<L extends ListName> = Extract<(typeof tables)[number], { list: L }>['store'];
// Compile-time check: every list of ProjectData is declared (`satisfies` above checks the other way).
type MissingFromDeclaration = Exclude<ListName, Declared>;
const nothingMissing: [MissingFromDeclaration] extends [never] ? true : MissingFromDeclaration = true;
void nothingMissing;

/** The declaration of one list. */
export function tableOf<L extends ListName>(list: L): TableDeclaration<L> & { readonly store: StoreOf<L> } {
  const found = PROJECT_TABLES.find((t) => t.list === list);
  if (!found) throw new Error(`No table declared for ${list}`);
  return found as TableDeclaration<L> & { readonly store: StoreOf<L> };
}

/**
 * How to read a record's key within its project (the second part of its primary key): looked up
 * once per list, so that sorting or indexing many rows costs no lookup per row.
 */
export function rowKey(list: ListName): (row: object) => string {
  const field = tableOf(list).key;
  return (row) => (row as Record<string, string>)[field] as string;
}

/** A ProjectData's lists, one call per list: the way generic code builds one without naming each. */
export function mapLists<R>(f: <L extends ListName>(list: L) => R): Record<ListName, R> {
  const out = Object.create(null) as Record<ListName, R>;
  for (const t of PROJECT_TABLES) out[t.list] = f(t.list);
  return out;
}

/** Every list of a project, empty. */
export function emptyLists(): { -readonly [L in ListName]: ProjectData[L] } {
  return mapLists(() => []) as unknown as { -readonly [L in ListName]: ProjectData[L] };
}

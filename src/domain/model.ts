/**
 * The stored shapes of Markeer's domain. Plain readonly records: no methods, no classes.
 *
 * Offsets everywhere are UTF-16 code units of the stored document text (the JavaScript string
 * index), half-open: a segment covers text.slice(start, end).
 */

/** Lower-case RFC 4122 GUID, e.g. "3fa45aae-341c-546c-99c4-6b0b557fc4fb". */
export type Guid = string;

/** ISO 8601 UTC timestamp, e.g. "2026-11-23T08:44:00.000Z". */
export type Timestamp = string;

export interface Project {
  readonly guid: Guid;
  readonly name: string;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
  /** The coder who works in this browser on this project. */
  readonly ownerCoderGuid: Guid;
  /** Slug of the codebook template the project started from, or null for an empty codebook. */
  readonly template: string | null;
  /** Whether the project is the built-in demo. */
  readonly demo?: boolean;
  /**
   * How quotations are cited, with document variables in braces, e.g. "({groep}, {school})";
   * {document} is the document's name. Absent: the document's name.
   */
  readonly citationTemplate?: string;
  /** Set when the project is an exercise (bundle kind "exercise"). */
  readonly exercise?: ExerciseSettings;
  /** Where the user is in the six phases of thematic analysis; absent = not started. */
  readonly phase?: PhaseProgress;
}

export interface Coder {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly name: string;
  /** CSS hex colour, "#rrggbb". */
  readonly color: string;
  /**
   * The coder's account on the project's team server (src/sync), when the project is connected:
   * a coder's identity in a connected project is this CouchDB user. Absent otherwise.
   */
  readonly couchUser?: string;
}

/** A speaker turn found in a document's text; derived, never edited by hand. */
export interface Turn {
  /** The label as written, trimmed, e.g. "Leerling 2", "INTERVIEWER", "I". */
  readonly speaker: string;
  /** [start, end) of the whole turn, label included, in UTF-16 code units. */
  readonly start: number;
  readonly end: number;
  /** [labelStart, labelEnd) of the label text (with its colon or voice tag), for distinct display. */
  readonly labelStart: number;
  readonly labelEnd: number;
}

/**
 * What the user decided about a detected speaker label. The text never changes: these only
 * change how turns are named and counted.
 * - rename to another name (a name that another label also maps to merges the two),
 * - null drops the label: its paragraphs are no longer turns of anybody.
 */
export type SpeakerMap = Readonly<Record<string, string | null>>;

export interface DocumentRecord {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly name: string;
  /** Length of the text in UTF-16 code units. */
  readonly length: number;
  /** Lower-case hex SHA-256 of the UTF-8 bytes of the text. */
  readonly sha256: string;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
  /** Free variables such as school or respondent group. */
  readonly variables: Readonly<Record<string, string>>;
  readonly speakerMap: SpeakerMap;
  /** Sort position in the document list. */
  readonly order: number;
  /** Original file name, when imported. */
  readonly source?: string;
  /** Coders who marked the document as read (phase 1, familiarising). */
  readonly readBy?: readonly Guid[];
}

/** A document's text, stored apart from its metadata so that lists never load texts. */
export interface DocumentText {
  readonly documentGuid: Guid;
  readonly projectGuid: Guid;
  /** Normalised text: LF line ends, no byte-order mark. Frozen once the document has a segment. */
  readonly text: string;
  /** Speaker turns detected at import, in text order. */
  readonly turns: readonly Turn[];
}

export interface Code {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly parentGuid: Guid | null;
  readonly name: string;
  /** CSS hex colour, "#rrggbb". */
  readonly color: string;
  readonly definition: string;
  /** Sort position among its siblings. */
  readonly order: number;
  /** Keyboard key 1-9 that applies this code, or null. */
  readonly shortcut: number | null;
}

/** A coder's character range of a document. */
export interface Segment {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly documentGuid: Guid;
  readonly coderGuid: Guid;
  /** UTF-16 code units, half-open. */
  readonly start: number;
  readonly end: number;
  /** Copy of text.slice(start, end) at the time of coding. */
  readonly text: string;
  readonly comment: string;
  readonly createdAt: Timestamp;
}

/** A segment linked to a code. */
export interface Coding {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly segmentGuid: Guid;
  /** The segment's document, so that a document's codings load without its segments' keys. */
  readonly documentGuid: Guid;
  readonly codeGuid: Guid;
  readonly coderGuid: Guid;
  readonly createdAt: Timestamp;
}

/**
 * The type of a document variable. Values live in DocumentRecord.variables as strings in a
 * canonical form (see variables.ts): text as written, number as a decimal with a point ("12",
 * "3.5"), date as "YYYY-MM-DD", yes/no as "true" or "false". An absent key or "" is no value.
 */
export type VariableType = 'text' | 'number' | 'date' | 'boolean';

/** A document variable of the project, e.g. school or respondent group. */
export interface VariableDefinition {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  /** The key in DocumentRecord.variables; unique within the project. */
  readonly name: string;
  readonly type: VariableType;
  /** Column position in the variables table. */
  readonly order: number;
}

/** A named set of documents, e.g. "School 1" or "Teachers" (REFI-QDA: a Set of sources). */
export interface DocumentGroup {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly name: string;
  readonly description: string;
  /** Members, in no particular order, without duplicates. */
  readonly documentGuids: readonly Guid[];
  /** Sort position in lists. */
  readonly order: number;
}

/** What a memo is about. */
export type MemoTargetKind = 'project' | 'document' | 'code' | 'segment';

/** A researcher's note on the project, a document, a code or a segment. */
export interface Memo {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  readonly title: string;
  /** The memo as plain text: what search, exports and other tools read. */
  readonly text: string;
  /** The Lexical editor state (JSON) when written in Markeer's editor; null for plain text. */
  readonly rich: string | null;
  readonly targetKind: MemoTargetKind;
  /** The document, code or segment; null for a project memo. */
  readonly targetGuid: Guid | null;
  /** The coder who wrote it. */
  readonly authorGuid: Guid;
  readonly createdAt: Timestamp;
  readonly updatedAt: Timestamp;
}

/** When a student may ask for feedback in an exercise. */
export type FeedbackMoment = 'per-document' | 'end';

/**
 * What makes a project an exercise (issue "Practice and themes"): the coder whose coding is the
 * reference, hidden from the student until feedback (hidden, not secret: it travels in the file).
 */
export interface ExerciseSettings {
  readonly referenceCoderGuid: Guid;
  /** Instructions as plain text, and as the Lexical editor state (JSON) when written in Markeer. */
  readonly instructions: string;
  readonly instructionsRich: string | null;
  readonly feedback: FeedbackMoment;
  /** Share of characters that counts as found, in (0, 1]; 0.5 by default. */
  readonly threshold: number;
  /** True when the student codes without the codebook (open coding). */
  readonly openCoding: boolean;
}

/** The six phases of thematic analysis (Braun & Clarke 2006), 1 = familiarising ... 6 = report. */
export type Phase = 1 | 2 | 3 | 4 | 5 | 6;

export interface PhaseProgress {
  /** The phase the user says they are in. */
  readonly current: Phase;
  /** Checklist items ticked off, by id (e.g. "1.read-all"). */
  readonly done: readonly string[];
}

/** One request for feedback: a student's scores at that moment, kept to show progress. */
export interface Attempt {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  /** The student. */
  readonly coderGuid: Guid;
  readonly createdAt: Timestamp;
  /** The documents the feedback covered (one document, or all of the exercise). */
  readonly documentGuids: readonly Guid[];
  readonly threshold: number;
  readonly overall: AttemptTotals;
  readonly codes: readonly (AttemptTotals & { readonly codeGuid: Guid; readonly percentAgreement: number | null; readonly cohenKappa: number | null })[];
}

export interface AttemptTotals {
  readonly reference: number;
  readonly student: number;
  readonly found: number;
  readonly extra: number;
  readonly recall: number | null;
  readonly precision: number | null;
}

/** A candidate or final theme: codes grouped under a name, possibly under another theme. */
export interface Theme {
  readonly guid: Guid;
  readonly projectGuid: Guid;
  /** The theme this is a sub-theme of, or null. */
  readonly parentGuid: Guid | null;
  readonly name: string;
  /** Phase 5: what the theme is about, and what it is not (scope). */
  readonly definition: string;
  readonly scopeNote: string;
  /** The codes in the theme, in board order. */
  readonly codeGuids: readonly Guid[];
  /** Segments the user picked as quotations for the report, in report order. */
  readonly quoteSegmentGuids: readonly Guid[];
  /** CSS hex colour "#rrggbb". */
  readonly color: string;
  readonly order: number;
}

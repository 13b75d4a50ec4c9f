import { foldForSearch } from './codebook';
import { CODER_COLORS } from './factories';
import { createGuid } from './ids';
import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Guid, Memo, Segment, Theme, VariableDefinition } from './model';
import type { ProjectData } from './project-data';
import { PROJECT_TABLES, rowKey, type ListName } from './tables';

/**
 * Merging a coder's project into the lead's: documents match by GUID, else by the SHA-256 of
 * their text; codes by GUID, else by name (which the lead confirms); coders by GUID, else by name
 * (which the lead confirms too: the same person exported from another tool, which gives users new
 * GUIDs on every export). Every segment and coding keeps its coder, and the same coder's identical
 * work is not doubled. How each table's records are matched is declared in `tables.ts`.
 *
 * This is the one merge: the app (`commands/merge.ts`) writes what `mergeInOrder` returns, the
 * command line folds it with `mergeProjects`; both differ only in how they read and write.
 */
export interface MergePlan {
  readonly documents: readonly DocumentMatch[];
  readonly codes: readonly CodeMatch[];
  readonly coders: readonly CoderMatch[];
}

export interface CoderMatch {
  readonly incoming: Coder;
  /** The lead's coder it matches, or null: it will be added. */
  readonly target: Coder | null;
  /** By name: proposed as the same person, taken only when the lead confirms. */
  readonly by: 'guid' | 'name' | 'new';
}

/**
 * Whether the lead takes a match by name as the same code or coder; keyed by the incoming code's
 * or coder's GUID.
 */
export type NameMatchDecision = (incomingGuid: Guid) => boolean;

export interface DocumentMatch {
  readonly incoming: DocumentRecord;
  /** The lead's document it matches, or null: it will be added. */
  readonly target: DocumentRecord | null;
  readonly by: 'guid' | 'text' | 'new';
  /** Matched by GUID but the texts differ: its segments cannot be placed and are skipped. */
  readonly textDiffers: boolean;
}

export interface CodeMatch {
  readonly incoming: Code;
  readonly target: Code | null;
  readonly by: 'guid' | 'name' | 'new';
}

export interface MergeReport {
  readonly added: {
    documents: number;
    codes: number;
    coders: number;
    segments: number;
    codings: number;
    memos: number;
    groups: number;
    variables: number;
    themes: number;
    attempts: number;
    /** Values of a matched document's variables that the lead's copy lacked. */
    variableValues: number;
    /** Comments of matched segments that the lead's copy lacked. */
    comments: number;
  };
  readonly matched: { documents: number; codes: number; coders: number; segments: number; codings: number; groups: number; themes: number; memos: number; variables: number; attempts: number };
  readonly skipped: {
    segments: number;
    codings: number;
    /** Memos whose document, code or segment could not be placed (its document has another text). */
    memos: number;
    documentsWithOtherText: string[];
    /**
     * Values that differ from the lead's and were not taken (the lead's stays), each as
     * "document: variable = value", and the like for segment comments.
     */
    conflicts: string[];
  };
  /** Coders taken as the same person as a lead's coder by their name: "incoming → lead's". */
  readonly codersByName: string[];
  /**
   * The lead's documents, codes and coders that incoming records matched, by GUID: a total over
   * several files counts each once (two files that both hold the lead's 6 documents match 6, not 12).
   */
  readonly matchedLead: { documents: Set<Guid>; codes: Set<Guid>; coders: Set<Guid> };
}

/** A report with every count zero. */
export function emptyReport(): MergeReport {
  return {
    added: { documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0, variableValues: 0, comments: 0 },
    matched: { documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, groups: 0, themes: 0, memos: 0, variables: 0, attempts: 0 },
    skipped: { segments: 0, codings: 0, memos: 0, documentsWithOtherText: [], conflicts: [] },
    codersByName: [],
    matchedLead: { documents: new Set(), codes: new Set(), coders: new Set() },
  };
}

/** The sum of several merge reports. */
export function sumReports(reports: readonly MergeReport[]): MergeReport {
  const total = emptyReport();
  for (const r of reports) {
    for (const k of Object.keys(total.added) as (keyof MergeReport['added'])[]) total.added[k] += r.added[k];
    for (const k of Object.keys(total.matched) as (keyof MergeReport['matched'])[]) total.matched[k] += r.matched[k];
    total.skipped.segments += r.skipped.segments;
    total.skipped.codings += r.skipped.codings;
    total.skipped.memos += r.skipped.memos;
    total.skipped.documentsWithOtherText.push(...r.skipped.documentsWithOtherText);
    total.skipped.conflicts.push(...r.skipped.conflicts);
    total.codersByName.push(...r.codersByName);
    for (const k of ['documents', 'codes', 'coders'] as const) for (const g of r.matchedLead[k]) total.matchedLead[k].add(g);
  }
  for (const k of ['documents', 'codes', 'coders'] as const) total.matched[k] = total.matchedLead[k].size;
  return total;
}

export interface MergeResult {
  /**
   * Records to write into the lead's project (all carry the lead's project GUID): new records,
   * and the lead's records that gained something (groups and themes their members, documents
   * variable values, segments a comment), which replace the lead's record of the same key.
   */
  readonly add: Omit<ProjectData, 'project'>;
  readonly report: MergeReport;
}

export function planMerge(lead: ProjectData, incoming: ProjectData): MergePlan {
  const leadDocs = new Map(lead.documents.map((d) => [d.guid, d]));
  const leadDocsByHash = new Map(lead.documents.map((d) => [d.sha256, d]));
  const documents = incoming.documents.map((d): DocumentMatch => {
    const byGuid = leadDocs.get(d.guid);
    if (byGuid) return { incoming: d, target: byGuid, by: 'guid', textDiffers: byGuid.sha256 !== d.sha256 };
    const byText = leadDocsByHash.get(d.sha256);
    if (byText) return { incoming: d, target: byText, by: 'text', textDiffers: false };
    return { incoming: d, target: null, by: 'new', textDiffers: false };
  });
  const leadCodes = new Map(lead.codes.map((c) => [c.guid, c]));
  // By name: the code with the same path of names from the root first ("Ouders / Kind" is not
  // "School / Kind"), else the only code of that name.
  const leadCodesByPath = new Map<string, Code>();
  const leadCodesByName = new Map<string, Code[]>();
  for (const c of lead.codes) {
    const path = codePath(c, leadCodes);
    if (!leadCodesByPath.has(path)) leadCodesByPath.set(path, c);
    const name = foldForSearch(c.name.trim());
    leadCodesByName.set(name, [...(leadCodesByName.get(name) ?? []), c]);
  }
  const incomingCodes = new Map(incoming.codes.map((c) => [c.guid, c]));
  const codes = incoming.codes.map((c): CodeMatch => {
    const byGuid = leadCodes.get(c.guid);
    if (byGuid) return { incoming: c, target: byGuid, by: 'guid' };
    const sameName = leadCodesByName.get(foldForSearch(c.name.trim())) ?? [];
    const byName = leadCodesByPath.get(codePath(c, incomingCodes)) ?? (sameName.length === 1 ? sameName[0] : undefined);
    if (byName) return { incoming: c, target: byName, by: 'name' };
    return { incoming: c, target: null, by: 'new' };
  });
  const leadCoders = new Map(lead.coders.map((c) => [c.guid, c]));
  // A reference coder of an exercise is never taken for a student of the same name.
  const reference = lead.project.exercise?.referenceCoderGuid;
  const leadCodersByName = new Map<string, Coder>();
  for (const c of lead.coders) {
    const key = foldForSearch(c.name.trim());
    if (c.guid !== reference && key !== '' && !leadCodersByName.has(key)) leadCodersByName.set(key, c);
  }
  const coders = incoming.coders.map((c): CoderMatch => {
    const byGuid = leadCoders.get(c.guid);
    if (byGuid) return { incoming: c, target: byGuid, by: 'guid' };
    const byName = leadCodersByName.get(foldForSearch(c.name.trim()));
    if (byName) return { incoming: c, target: byName, by: 'name' };
    return { incoming: c, target: null, by: 'new' };
  });
  return { documents, codes, coders };
}

/**
 * The records that merging adds to the lead's project, following a plan. `acceptNameMatches`
 * holds the incoming code and coder GUIDs whose match by name the lead confirmed; other name
 * matches become new codes and coders.
 */
export function applyMerge(lead: ProjectData, incoming: ProjectData, plan: MergePlan, acceptNameMatches: ReadonlySet<Guid>): MergeResult {
  const projectGuid = lead.project.guid;
  const report = emptyReport();

  // Coders: the same person keeps the lead's GUID; a new coder gets a colour nobody has yet.
  const coderGuid = new Map<Guid, Guid>();
  const coders: Coder[] = [];
  const usedColors = new Set(lead.coders.map((c) => c.color.toLowerCase()));
  const leadCoderGuids = new Set(lead.coders.map((c) => c.guid));
  for (const c of plan.coders) {
    if (c.target && (c.by === 'guid' || acceptNameMatches.has(c.incoming.guid))) {
      coderGuid.set(c.incoming.guid, c.target.guid);
      report.matched.coders++;
      report.matchedLead.coders.add(c.target.guid);
      if (c.by === 'name') report.codersByName.push(`${c.incoming.name.trim()} → ${c.target.name}`);
      continue;
    }
    const guid = leadCoderGuids.has(c.incoming.guid) ? createGuid() : c.incoming.guid;
    const color = usedColors.has(c.incoming.color.toLowerCase()) ? (CODER_COLORS.find((x) => !usedColors.has(x.toLowerCase())) ?? c.incoming.color) : c.incoming.color;
    usedColors.add(color.toLowerCase());
    coderGuid.set(c.incoming.guid, guid);
    coders.push({ ...c.incoming, guid, projectGuid, color });
    report.added.coders++;
  }
  const coderOf = (g: Guid): Guid => coderGuid.get(g) ?? g;

  const docGuid = new Map<Guid, Guid | null>();
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const incomingTexts = new Map(incoming.texts.map((t) => [t.documentGuid, t]));
  let order = Math.max(-1, ...lead.documents.map((d) => d.order)) + 1;
  for (const m of plan.documents) {
    if (m.target) {
      report.matched.documents++;
      report.matchedLead.documents.add(m.target.guid);
      docGuid.set(m.incoming.guid, m.textDiffers ? null : m.target.guid);
      if (m.textDiffers) report.skipped.documentsWithOtherText.push(m.incoming.name);
      else {
        const gained = documentGains(m.target, m.incoming, coderOf, report);
        if (gained) documents.push(gained);
      }
      continue;
    }
    const text = incomingTexts.get(m.incoming.guid);
    if (!text) continue;
    const readBy = m.incoming.readBy?.map(coderOf);
    documents.push({ ...m.incoming, projectGuid, order: order++, ...(readBy ? { readBy: [...new Set(readBy)] } : {}) });
    texts.push({ ...text, projectGuid });
    docGuid.set(m.incoming.guid, m.incoming.guid);
    report.added.documents++;
  }

  const codeGuid = new Map<Guid, Guid>();
  const leadCodeGuids = new Set(lead.codes.map((c) => c.guid));
  for (const m of plan.codes) {
    if (m.target && (m.by === 'guid' || acceptNameMatches.has(m.incoming.guid))) {
      codeGuid.set(m.incoming.guid, m.target.guid);
      report.matched.codes++;
      report.matchedLead.codes.add(m.target.guid);
    } else {
      // A new code keeps its GUID unless the lead already uses that GUID for another code.
      codeGuid.set(m.incoming.guid, leadCodeGuids.has(m.incoming.guid) ? createGuid() : m.incoming.guid);
    }
  }
  const codes: Code[] = [];
  for (const m of plan.codes) {
    const guid = codeGuid.get(m.incoming.guid);
    if (!guid || leadCodeGuids.has(guid)) continue;
    const parent = m.incoming.parentGuid ? (codeGuid.get(m.incoming.parentGuid) ?? null) : null;
    codes.push({ ...m.incoming, guid, projectGuid, parentGuid: parent, shortcut: null });
    report.added.codes++;
  }

  const leadSegments = new Map(lead.segments.map((s) => [s.guid, s]));
  const sameWork = new Map(lead.segments.map((s) => [workKey(s.documentGuid, s.coderGuid, s.start, s.end), s]));
  const leadCodingKeys = new Set(lead.codings.map((c) => `${c.segmentGuid}|${c.codeGuid}`));
  const segmentGuid = new Map<Guid, Guid>();
  const segments: Segment[] = [];
  const addedSegments = new Map<Guid, Segment>();
  for (const s of incoming.segments) {
    const doc = docGuid.get(s.documentGuid);
    if (!doc) {
      report.skipped.segments++;
      continue;
    }
    const coder = coderOf(s.coderGuid);
    const known = leadSegments.get(s.guid);
    const same = sameWork.get(workKey(doc, coder, s.start, s.end));
    const match = known && known.documentGuid === doc && known.start === s.start && known.end === s.end ? known : same;
    if (match) {
      segmentGuid.set(s.guid, match.guid);
      report.matched.segments++;
      const comment = s.comment.trim();
      if (comment !== '' && comment !== match.comment.trim()) {
        if (match.comment.trim() === '') {
          const gained: Segment = { ...match, comment: s.comment };
          segments.push(gained);
          addedSegments.set(gained.guid, gained);
          sameWork.set(workKey(doc, gained.coderGuid, gained.start, gained.end), gained);
          report.added.comments++;
        } else report.skipped.conflicts.push(`comment on “${abbreviate(s.text)}”: ${abbreviate(comment)}`);
      }
    } else {
      const guid = known || addedSegments.has(s.guid) ? createGuid() : s.guid;
      const added: Segment = { ...s, guid, projectGuid, documentGuid: doc, coderGuid: coder };
      segments.push(added);
      addedSegments.set(guid, added);
      sameWork.set(workKey(doc, coder, s.start, s.end), added);
      segmentGuid.set(s.guid, guid);
      report.added.segments++;
    }
  }
  const codings: Coding[] = [];
  for (const c of incoming.codings) {
    const seg = segmentGuid.get(c.segmentGuid);
    const code = codeGuid.get(c.codeGuid);
    if (!seg || !code) {
      report.skipped.codings++;
      continue;
    }
    const key = `${seg}|${code}`;
    if (leadCodingKeys.has(key)) {
      report.matched.codings++;
      continue;
    }
    leadCodingKeys.add(key);
    const segment = addedSegments.get(seg) ?? leadSegments.get(seg);
    codings.push({ ...c, guid: c.guid, projectGuid, segmentGuid: seg, codeGuid: code, coderGuid: segment?.coderGuid ?? coderOf(c.coderGuid), documentGuid: segment?.documentGuid ?? c.documentGuid });
    report.added.codings++;
  }
  const variables = mergeVariables(lead, incoming, report);
  const groups = mergeGroups(lead, incoming, docGuid, report);
  const targets = { document: docGuid, code: codeGuid, segment: segmentGuid } as const;
  const memos = mergeMemos(lead, incoming, targets, coderOf, report);
  const themes = mergeThemes(lead, incoming, codeGuid, segmentGuid, report);
  // Attempts are a student's history: added as they are, once.
  const leadAttempts = new Set(lead.attempts.map((a) => a.guid));
  const attempts: Attempt[] = [];
  for (const a of incoming.attempts) {
    if (leadAttempts.has(a.guid)) {
      report.matched.attempts++;
      continue;
    }
    const attemptDocuments = a.documentGuids.map((d) => docGuid.get(d)).filter((d): d is Guid => typeof d === 'string');
    attempts.push({ ...a, projectGuid, coderGuid: coderOf(a.coderGuid), documentGuids: attemptDocuments, codes: a.codes.map((c) => ({ ...c, codeGuid: codeGuid.get(c.codeGuid) ?? c.codeGuid })) });
    report.added.attempts++;
  }
  return { add: { coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts }, report };
}

/**
 * A matched document with what the incoming copy adds: the values of variables the lead's copy has
 * no value for, and the coders who marked it read. Null when it gains nothing. A value that
 * differs from the lead's is reported, and the lead's stays.
 */
function documentGains(target: DocumentRecord, incoming: DocumentRecord, coderOf: (g: Guid) => Guid, report: MergeReport): DocumentRecord | null {
  const values = new Map(Object.entries(target.variables));
  let gained = false;
  for (const [name, value] of Object.entries(incoming.variables)) {
    if (value === '') continue;
    const mine = values.get(name);
    if (mine === undefined || mine === '') {
      values.set(name, value);
      report.added.variableValues++;
      gained = true;
    } else if (mine !== value) report.skipped.conflicts.push(`${target.name}: ${name} = ${value}`);
  }
  const readBy = new Set(target.readBy ?? []);
  const before = readBy.size;
  for (const c of incoming.readBy ?? []) readBy.add(coderOf(c));
  if (readBy.size !== before) gained = true;
  if (!gained) return null;
  return { ...target, variables: Object.assign(Object.create(null) as Record<string, string>, Object.fromEntries(values)), ...(readBy.size > 0 ? { readBy: [...readBy] } : {}) };
}

/**
 * Memos match by GUID: the same memo is kept once; when the incoming copy is newer and says
 * something else, it is kept beside the lead's as a memo of its own (nothing anyone wrote is lost).
 * A memo on a document, code or segment that could not be placed is skipped and counted.
 */
function mergeMemos(
  lead: ProjectData,
  incoming: ProjectData,
  targets: { readonly document: ReadonlyMap<Guid, Guid | null>; readonly code: ReadonlyMap<Guid, Guid>; readonly segment: ReadonlyMap<Guid, Guid> },
  coderOf: (g: Guid) => Guid,
  report: MergeReport,
): Memo[] {
  const leadMemos = new Map(lead.memos.map((m) => [m.guid, m]));
  // The same words on the same thing are the same memo, whatever its GUID (other tools give notes
  // new GUIDs on every export).
  const sameText = (kind: string, target: Guid | null, text: string) => `${kind}|${target ?? ''}|${text.trim()}`;
  const written = new Set(lead.memos.map((m) => sameText(m.targetKind, m.targetGuid, m.text)));
  const memos: Memo[] = [];
  for (const m of incoming.memos) {
    const targetGuid = m.targetKind === 'project' || m.targetGuid === null ? null : (targets[m.targetKind].get(m.targetGuid) ?? null);
    if (m.targetKind !== 'project' && targetGuid === null) {
      report.skipped.memos++;
      continue;
    }
    const known = leadMemos.get(m.guid);
    if ((known && (known.text === m.text || m.updatedAt <= known.updatedAt)) || written.has(sameText(m.targetKind, targetGuid, m.text))) {
      report.matched.memos++;
      continue;
    }
    written.add(sameText(m.targetKind, targetGuid, m.text));
    memos.push({ ...m, guid: known ? createGuid() : m.guid, projectGuid: lead.project.guid, targetGuid, authorGuid: coderOf(m.authorGuid) });
    report.added.memos++;
  }
  return memos;
}

function abbreviate(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 40 ? `${flat.slice(0, 39)}…` : flat;
}

/**
 * Themes match by GUID, else by name (ignoring case and accents): a matched theme gains the codes
 * and quotations it lacks; another theme is added with what reached the lead (its parent theme
 * when that was merged too).
 */
function mergeThemes(lead: ProjectData, incoming: ProjectData, codeGuid: ReadonlyMap<Guid, Guid>, segmentGuid: ReadonlyMap<Guid, Guid>, report: MergeReport): Theme[] {
  const byGuid = new Map(lead.themes.map((t) => [t.guid, t]));
  const byName = new Map(lead.themes.map((t) => [foldForSearch(t.name.trim()), t]));
  let order = Math.max(-1, ...lead.themes.map((t) => t.order)) + 1;
  const written = new Map<Guid, Theme>();
  const themeGuid = new Map<Guid, Guid>();
  for (const t of incoming.themes) {
    const codes = t.codeGuids.map((c) => codeGuid.get(c)).filter((c): c is Guid => typeof c === 'string');
    const quotes = t.quoteSegmentGuids.map((s) => segmentGuid.get(s)).filter((s): s is Guid => typeof s === 'string');
    const target = byGuid.get(t.guid) ?? byName.get(foldForSearch(t.name.trim()));
    if (target) {
      report.matched.themes++;
      themeGuid.set(t.guid, target.guid);
      const current = written.get(target.guid) ?? target;
      const moreCodes = codes.filter((c) => !current.codeGuids.includes(c));
      const moreQuotes = quotes.filter((s) => !current.quoteSegmentGuids.includes(s));
      if (moreCodes.length + moreQuotes.length > 0) {
        written.set(target.guid, { ...current, codeGuids: [...current.codeGuids, ...moreCodes], quoteSegmentGuids: [...current.quoteSegmentGuids, ...moreQuotes] });
      }
      continue;
    }
    const added: Theme = { ...t, projectGuid: lead.project.guid, codeGuids: [...new Set(codes)], quoteSegmentGuids: [...new Set(quotes)], order: order++ };
    themeGuid.set(t.guid, added.guid);
    written.set(added.guid, added);
    byGuid.set(added.guid, added);
    byName.set(foldForSearch(added.name.trim()), added);
    report.added.themes++;
  }
  // Parents point at the lead's themes; a parent that did not arrive makes a top-level theme.
  return [...written.values()].map((t) => {
    if (t.parentGuid === null || lead.themes.some((l) => l.guid === t.guid)) return t;
    const parent = themeGuid.get(t.parentGuid) ?? (byGuid.has(t.parentGuid) ? t.parentGuid : null);
    return { ...t, parentGuid: parent === t.guid ? null : parent };
  });
}

/** Variables match by name; a variable the lead lacks is added with its type. */
function mergeVariables(lead: ProjectData, incoming: ProjectData, report: MergeReport): VariableDefinition[] {
  const names = new Set(lead.variables.map((v) => v.name));
  const guids = new Set(lead.variables.map((v) => v.guid));
  let order = Math.max(-1, ...lead.variables.map((v) => v.order)) + 1;
  const added: VariableDefinition[] = [];
  for (const v of [...incoming.variables].sort((a, b) => a.order - b.order)) {
    if (names.has(v.name)) {
      report.matched.variables++;
      continue;
    }
    names.add(v.name);
    added.push({ ...v, projectGuid: lead.project.guid, guid: guids.has(v.guid) ? createGuid() : v.guid, order: order++ });
    report.added.variables++;
  }
  return added;
}

/**
 * Groups match by GUID, else by name (ignoring case and accents): a matched group gains the
 * incoming members it lacks; another group is added with the members that reached the lead.
 */
function mergeGroups(lead: ProjectData, incoming: ProjectData, docGuid: ReadonlyMap<Guid, Guid | null>, report: MergeReport): DocumentGroup[] {
  const byGuid = new Map(lead.groups.map((g) => [g.guid, g]));
  const byName = new Map(lead.groups.map((g) => [foldForSearch(g.name.trim()), g]));
  let order = Math.max(-1, ...lead.groups.map((g) => g.order)) + 1;
  const written = new Map<Guid, DocumentGroup>();
  for (const g of incoming.groups) {
    const members = g.documentGuids.map((d) => docGuid.get(d)).filter((d): d is Guid => typeof d === 'string');
    const target = byGuid.get(g.guid) ?? byName.get(foldForSearch(g.name.trim()));
    if (target) {
      report.matched.groups++;
      const current = written.get(target.guid) ?? target;
      const missing = members.filter((d) => !current.documentGuids.includes(d));
      if (missing.length > 0) written.set(target.guid, { ...current, documentGuids: [...current.documentGuids, ...missing] });
      continue;
    }
    const added: DocumentGroup = { ...g, projectGuid: lead.project.guid, documentGuids: [...new Set(members)], order: order++ };
    written.set(added.guid, added);
    byGuid.set(added.guid, added);
    byName.set(foldForSearch(added.name.trim()), added);
    report.added.groups++;
  }
  return [...written.values()];
}

/** A code's names from the root down, folded for comparison. */
function codePath(code: Code, byGuid: ReadonlyMap<Guid, Code>): string {
  const names: string[] = [];
  const seen = new Set<Guid>();
  for (let c: Code | undefined = code; c && !seen.has(c.guid); c = c.parentGuid ? byGuid.get(c.parentGuid) : undefined) {
    seen.add(c.guid);
    names.unshift(foldForSearch(c.name.trim()));
  }
  return names.join('\u0000');
}

function workKey(documentGuid: Guid, coderGuid: Guid, start: number, end: number): string {
  return `${documentGuid}|${coderGuid}|${start}|${end}`;
}

/**
 * Merges the incoming projects into the lead's one after the other, each planned against the
 * lead plus what the ones before it added, so that the same coder's identical work in two files
 * is added once. Pure: returns each one's plan and what it adds.
 */
export function mergeInOrder(lead: ProjectData, incoming: readonly ProjectData[], accept: NameMatchDecision): { plan: MergePlan; result: MergeResult }[] {
  let current = lead;
  return incoming.map((data) => {
    const plan = planMerge(current, data);
    const merged = applyMerge(current, data, plan, acceptedNameMatches([plan], accept));
    const result: MergeResult = { ...merged, add: { ...merged.add, codings: freshCodingGuids(current, merged.add.codings) } };
    current = withAdded(current, result.add);
    return { plan, result };
  });
}

/**
 * The merged project itself: the lead's with every incoming project's work, and the report of each.
 * What the command line writes; the app writes the same rows into its database.
 */
export function mergeProjects(lead: ProjectData, incoming: readonly ProjectData[], accept: NameMatchDecision): { data: ProjectData; plans: MergePlan[]; reports: MergeReport[] } {
  const steps = mergeInOrder(lead, incoming, accept);
  const data = steps.reduce((current, step) => withAdded(current, step.result.add), lead);
  return { data, plans: steps.map((s) => s.plan), reports: steps.map((s) => s.result.report) };
}

/** The incoming code and coder GUIDs whose name match `decide` accepts, over all plans. */
export function acceptedNameMatches(plans: readonly MergePlan[], decide: NameMatchDecision): Set<Guid> {
  return new Set(
    plans.flatMap((p) => [
      ...p.codes.filter((c) => c.by === 'name' && decide(c.incoming.guid)).map((c) => c.incoming.guid),
      ...p.coders.filter((c) => c.by === 'name' && decide(c.incoming.guid)).map((c) => c.incoming.guid),
    ]),
  );
}

/**
 * A coding that is new by its segment and code may still carry the GUID of a coding the lead
 * has (the same bundle merged before with another choice for a name match): it gets a new GUID
 * rather than overwrite that coding.
 */
function freshCodingGuids(lead: ProjectData, codings: readonly Coding[]): Coding[] {
  const used = new Set(lead.codings.map((c) => c.guid));
  return codings.map((c) => {
    const coding = used.has(c.guid) ? { ...c, guid: createGuid() } : c;
    used.add(coding.guid);
    return coding;
  });
}

/**
 * The lead's project with a merge's records written into it, list by list as `tables.ts`
 * declares them: a record replaces the lead's record of the same key, as the database's put does.
 */
export function withAdded(lead: ProjectData, add: MergeResult['add']): ProjectData {
  const out: Record<string, unknown> = { project: lead.project };
  for (const { list } of PROJECT_TABLES) out[list] = putRows(list, lead[list], add[list]);
  return out as unknown as ProjectData;
}

function putRows<L extends ListName>(list: L, rows: ProjectData[L], put: ProjectData[L]): ProjectData[L] {
  if (put.length === 0) return rows;
  const key = rowKey(list);
  const written = new Map<string, unknown>(put.map((r) => [key(r), r]));
  const kept = (rows as readonly object[]).map((r) => written.get(key(r)) ?? r);
  const present = new Set((rows as readonly object[]).map(key));
  for (const [key, r] of written) if (!present.has(key)) kept.push(r as object);
  return kept as unknown as ProjectData[L];
}

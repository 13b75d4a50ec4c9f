import { foldForSearch } from './codebook';
import { createGuid } from './ids';
import type { Attempt, Code, Coder, Coding, DocumentGroup, DocumentRecord, DocumentText, Guid, Memo, Segment, Theme, VariableDefinition } from './model';
import type { ProjectData } from './project-data';

/**
 * Merging a coder's project into the lead's: documents match by GUID, else by the SHA-256 of
 * their text; codes by GUID, else by name (which the lead confirms); coders by GUID. Every
 * segment and coding keeps its coder, and the same coder's identical work is not doubled.
 */
export interface MergePlan {
  readonly documents: readonly DocumentMatch[];
  readonly codes: readonly CodeMatch[];
  readonly coders: readonly { readonly incoming: Coder; readonly matched: boolean }[];
}

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
  readonly added: { documents: number; codes: number; coders: number; segments: number; codings: number; memos: number; groups: number; variables: number; themes: number; attempts: number };
  readonly matched: { documents: number; codes: number; coders: number; segments: number; groups: number; themes: number };
  readonly skipped: { segments: number; codings: number; documentsWithOtherText: string[] };
}

export interface MergeResult {
  /**
   * Records to write into the lead's project (all carry the lead's project GUID): new records,
   * and the lead's groups that gained members.
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
  const leadCodesByName = new Map<string, Code>();
  for (const c of lead.codes) if (!leadCodesByName.has(foldForSearch(c.name.trim()))) leadCodesByName.set(foldForSearch(c.name.trim()), c);
  const codes = incoming.codes.map((c): CodeMatch => {
    const byGuid = leadCodes.get(c.guid);
    if (byGuid) return { incoming: c, target: byGuid, by: 'guid' };
    const byName = leadCodesByName.get(foldForSearch(c.name.trim()));
    if (byName) return { incoming: c, target: byName, by: 'name' };
    return { incoming: c, target: null, by: 'new' };
  });
  const leadCoders = new Set(lead.coders.map((c) => c.guid));
  const coders = incoming.coders.map((c) => ({ incoming: c, matched: leadCoders.has(c.guid) }));
  return { documents, codes, coders };
}

/**
 * The records that merging adds to the lead's project, following a plan. `acceptNameMatches`
 * holds the incoming code GUIDs whose match by name the lead confirmed; other name matches
 * become new codes.
 */
export function applyMerge(lead: ProjectData, incoming: ProjectData, plan: MergePlan, acceptNameMatches: ReadonlySet<Guid>): MergeResult {
  const projectGuid = lead.project.guid;
  const report: MergeReport = {
    added: { documents: 0, codes: 0, coders: 0, segments: 0, codings: 0, memos: 0, groups: 0, variables: 0, themes: 0, attempts: 0 },
    matched: { documents: 0, codes: 0, coders: 0, segments: 0, groups: 0, themes: 0 },
    skipped: { segments: 0, codings: 0, documentsWithOtherText: [] },
  };

  const coders: Coder[] = [];
  for (const c of plan.coders) {
    if (c.matched) report.matched.coders++;
    else {
      coders.push({ ...c.incoming, projectGuid });
      report.added.coders++;
    }
  }

  const docGuid = new Map<Guid, Guid | null>();
  const documents: DocumentRecord[] = [];
  const texts: DocumentText[] = [];
  const incomingTexts = new Map(incoming.texts.map((t) => [t.documentGuid, t]));
  let order = Math.max(-1, ...lead.documents.map((d) => d.order)) + 1;
  for (const m of plan.documents) {
    if (m.target) {
      report.matched.documents++;
      docGuid.set(m.incoming.guid, m.textDiffers ? null : m.target.guid);
      if (m.textDiffers) report.skipped.documentsWithOtherText.push(m.incoming.name);
      continue;
    }
    const text = incomingTexts.get(m.incoming.guid);
    if (!text) continue;
    documents.push({ ...m.incoming, projectGuid, order: order++ });
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
    const known = leadSegments.get(s.guid);
    const same = sameWork.get(workKey(doc, s.coderGuid, s.start, s.end));
    if (known && known.documentGuid === doc && known.start === s.start && known.end === s.end) {
      segmentGuid.set(s.guid, known.guid);
      report.matched.segments++;
    } else if (same) {
      segmentGuid.set(s.guid, same.guid);
      report.matched.segments++;
    } else {
      const guid = known ? createGuid() : s.guid;
      const added: Segment = { ...s, guid, projectGuid, documentGuid: doc };
      segments.push(added);
      addedSegments.set(guid, added);
      sameWork.set(workKey(doc, s.coderGuid, s.start, s.end), added);
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
      report.skipped.codings++;
      continue;
    }
    leadCodingKeys.add(key);
    const segment = addedSegments.get(seg) ?? leadSegments.get(seg);
    codings.push({ ...c, guid: c.guid, projectGuid, segmentGuid: seg, codeGuid: code, documentGuid: segment?.documentGuid ?? c.documentGuid });
    report.added.codings++;
  }
  const variables = mergeVariables(lead, incoming, report);
  const groups = mergeGroups(lead, incoming, docGuid, report);
  const targets = { document: docGuid, code: codeGuid, segment: segmentGuid } as const;
  const leadMemos = new Set(lead.memos.map((m) => m.guid));
  const memos: Memo[] = [];
  for (const m of incoming.memos) {
    if (leadMemos.has(m.guid)) continue;
    const targetGuid = m.targetKind === 'project' || m.targetGuid === null ? null : (targets[m.targetKind].get(m.targetGuid) ?? null);
    if (m.targetKind !== 'project' && targetGuid === null) continue;
    memos.push({ ...m, projectGuid, targetGuid });
    report.added.memos++;
  }
  const themes = mergeThemes(lead, incoming, codeGuid, segmentGuid, report);
  // Attempts are a student's history: added as they are, once.
  const leadAttempts = new Set(lead.attempts.map((a) => a.guid));
  const attempts: Attempt[] = [];
  for (const a of incoming.attempts) {
    if (leadAttempts.has(a.guid)) continue;
    const attemptDocuments = a.documentGuids.map((d) => docGuid.get(d)).filter((d): d is Guid => typeof d === 'string');
    attempts.push({ ...a, projectGuid, documentGuids: attemptDocuments, codes: a.codes.map((c) => ({ ...c, codeGuid: codeGuid.get(c.codeGuid) ?? c.codeGuid })) });
    report.added.attempts++;
  }
  return { add: { coders, documents, texts, codes, segments, codings, variables, groups, memos, themes, attempts }, report };
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
    if (names.has(v.name)) continue;
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

function workKey(documentGuid: Guid, coderGuid: Guid, start: number, end: number): string {
  return `${documentGuid}|${coderGuid}|${start}|${end}`;
}

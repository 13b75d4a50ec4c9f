import { assert } from './assert';
import { createGuid, now } from './ids';
import type { Code, Coder, Coding, DocumentGroup, DocumentRecord, Guid, Memo, MemoTargetKind, Project, Segment } from './model';

export function createProject(input: { name: string; ownerCoderGuid: Guid; template: string | null; demo?: boolean }): Project {
  const t = now();
  return {
    guid: createGuid(),
    name: input.name.trim(),
    createdAt: t,
    updatedAt: t,
    ownerCoderGuid: input.ownerCoderGuid,
    template: input.template,
    ...(input.demo ? { demo: true } : {}),
  };
}

export const CODER_COLORS = ['#1d4e89', '#b5179e', '#2a9d8f', '#e76f51', '#6a4c93', '#588157', '#bc6c25', '#3a86ff'];

export function createCoder(projectGuid: Guid, name: string, color: string, guid: Guid = createGuid()): Coder {
  return { guid, projectGuid, name: name.trim(), color };
}

export function createDocument(input: {
  projectGuid: Guid;
  name: string;
  length: number;
  sha256: string;
  order: number;
  source?: string;
}): DocumentRecord {
  const t = now();
  return {
    guid: createGuid(),
    projectGuid: input.projectGuid,
    name: input.name.trim(),
    length: input.length,
    sha256: input.sha256,
    createdAt: t,
    updatedAt: t,
    variables: {},
    speakerMap: {},
    order: input.order,
    ...(input.source ? { source: input.source } : {}),
  };
}

export function createCode(input: {
  projectGuid: Guid;
  parentGuid: Guid | null;
  name: string;
  color: string;
  order: number;
  definition?: string;
}): Code {
  return {
    guid: createGuid(),
    projectGuid: input.projectGuid,
    parentGuid: input.parentGuid,
    name: input.name.trim(),
    color: input.color,
    definition: input.definition ?? '',
    order: input.order,
    shortcut: null,
  };
}

/** A coder's range of a document's text; keeps a copy of the covered text. */
export function createSegment(input: {
  projectGuid: Guid;
  documentGuid: Guid;
  coderGuid: Guid;
  text: string;
  start: number;
  end: number;
}): Segment {
  assert(input.start >= 0 && input.start < input.end && input.end <= input.text.length, 'segment range lies inside its text');
  return {
    guid: createGuid(),
    projectGuid: input.projectGuid,
    documentGuid: input.documentGuid,
    coderGuid: input.coderGuid,
    start: input.start,
    end: input.end,
    text: input.text.slice(input.start, input.end),
    comment: '',
    createdAt: now(),
  };
}

export function createCoding(segment: Segment, codeGuid: Guid, coderGuid: Guid = segment.coderGuid): Coding {
  return {
    guid: createGuid(),
    projectGuid: segment.projectGuid,
    segmentGuid: segment.guid,
    documentGuid: segment.documentGuid,
    codeGuid,
    coderGuid,
    createdAt: now(),
  };
}

export function createGroup(input: { projectGuid: Guid; name: string; order: number; description?: string; documentGuids?: readonly Guid[] }): DocumentGroup {
  return {
    guid: createGuid(),
    projectGuid: input.projectGuid,
    name: input.name.trim(),
    description: input.description ?? '',
    documentGuids: [...new Set(input.documentGuids ?? [])],
    order: input.order,
  };
}

export function createMemo(input: {
  projectGuid: Guid;
  authorGuid: Guid;
  targetKind: MemoTargetKind;
  targetGuid: Guid | null;
  title?: string;
  text?: string;
  rich?: string | null;
}): Memo {
  assert((input.targetKind === 'project') === (input.targetGuid === null), 'a project memo has no target, other memos have one');
  const t = now();
  return {
    guid: createGuid(),
    projectGuid: input.projectGuid,
    title: (input.title ?? '').trim(),
    text: input.text ?? '',
    rich: input.rich ?? null,
    targetKind: input.targetKind,
    targetGuid: input.targetGuid,
    authorGuid: input.authorGuid,
    createdAt: t,
    updatedAt: t,
  };
}

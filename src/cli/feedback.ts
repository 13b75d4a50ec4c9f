/**
 * `feedback FILE... --reference NAME_OR_GUID --student NAME_OR_GUID [--threshold T] [--json]`:
 * a student's coding against a reference coding (src/domain/feedback.ts), the coders found across
 * the files as for `agreement`. Positions in UTF-16 code units, end exclusive.
 */
import { computeFeedback } from '../domain/feedback';
import { mergeFiles, type Output } from './commands';
import { CliError } from './load';
import { resolveCoders } from './matrix';

export async function feedbackCommand(files: readonly string[], opts: { reference?: string; student?: string; threshold?: string; json?: boolean }, io: Output): Promise<void> {
  if (files.length === 0) throw new CliError('feedback: name at least one project file');
  if (!opts.reference || !opts.student) throw new CliError('feedback: name the reference coder (--reference) and the student (--student), by name or GUID');
  const threshold = opts.threshold === undefined ? 0.5 : Number(opts.threshold);
  if (!(threshold > 0 && threshold <= 1)) throw new CliError(`feedback: --threshold must be a number above 0 and at most 1, not "${opts.threshold}"`);
  const quiet: Output = { out: () => undefined, err: () => undefined };
  const data = await mergeFiles(files, {}, quiet);
  const [reference] = resolveCoders(data, opts.reference, 'feedback');
  const [student] = resolveCoders(data, opts.student, 'feedback');
  if (!reference || !student) throw new CliError('feedback: name one reference coder and one student');
  if (reference.guid === student.guid) throw new CliError(`feedback: the reference and the student are the same coder (${reference.name})`);
  const result = computeFeedback({
    documents: [...data.documents].sort((a, b) => a.order - b.order).map((d) => ({ guid: d.guid, name: d.name, length: d.length })),
    codes: data.codes,
    segments: data.segments,
    codings: data.codings,
    reference: reference.guid,
    student: student.guid,
    threshold,
  });
  const json = {
    reference: { guid: reference.guid, name: reference.name },
    student: { guid: student.guid, name: student.name },
    threshold,
    codes: result.codes.map((c) => ({
      guid: c.guid,
      name: c.name,
      reference: c.reference,
      student: c.student,
      found: c.found,
      extra: c.extra,
      recall: c.recall,
      precision: c.precision,
      percentAgreement: c.percentAgreement,
      cohenKappa: c.cohenKappa,
      missed: c.missed,
      confusedWith: c.confusedWith,
    })),
    overall: result.overall,
  };
  if (opts.json) {
    io.out(JSON.stringify(json, null, 2));
    return;
  }
  const names = new Map(data.codes.map((c) => [c.guid, c.name]));
  const share = (x: number | null) => (x === null ? '-' : `${Math.round(x * 100)}%`);
  io.out(`reference: ${reference.name}; student: ${student.name}; threshold ${threshold}`);
  io.out(['code', 'reference', 'student', 'found', 'extra', 'recall', 'precision', 'confused with'].join('\t'));
  for (const c of json.codes) {
    const confused = c.confusedWith.map((x) => `${names.get(x.codeGuid) ?? x.codeGuid} (${x.count})`).join(', ');
    io.out([c.name, c.reference, c.student, c.found, c.extra, share(c.recall), share(c.precision), confused].join('\t'));
  }
  const o = json.overall;
  io.out(['overall', o.reference, o.student, o.found, o.extra, share(o.recall), share(o.precision), ''].join('\t'));
}

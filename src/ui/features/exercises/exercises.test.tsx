import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { I18nextProvider } from 'react-i18next';
import { importBundle } from '../../../commands/bundles';
import { applyCode } from '../../../commands/coding';
import { exportExercise, requestFeedback } from '../../../commands/exercises';
import { history } from '../../../commands/history';
import { CODE_SIGNALEN_INTERPRETEREN as INTERPRETEREN, CODE_SIGNALEN_OPMERKEN as OPMERKEN, freshDb, projectWithDocument } from '../../../commands/test-builders';
import type { Guid } from '../../../domain/model';
import type { MarkeerDb } from '../../../storage/db';
import { readProjectData } from '../../../storage/project-data';
import { testI18n } from '../../i18n/test-i18n';
import { NotifyProvider } from '../../shell/notify';
import { ProjectContext } from '../../shell/project-context';
import { ExerciseBanner } from './ExerciseMenu';
import { FeedbackView } from './FeedbackView';

const TEXT = 'Ik zag dat hij niet online kwam. Toen belde ik de mentor. Die wist van niets.';
const at = (phrase: string) => ({ start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });

async function must<T>(r: Promise<{ ok: true; value: T } | { ok: false; reason: string; detail?: string }>): Promise<T> {
  const result = await r;
  if (!result.ok) throw new Error(`${result.reason} ${result.detail ?? ''}`);
  return result.value;
}

/**
 * The teacher coded "hij niet online kwam" (Signalen opmerken) and "Toen belde ik de mentor."
 * (Signalen interpreteren); the student, Sanne, coded "niet online kwam. Toen" and "Toen belde ik de
 * mentor." both as Signalen opmerken: one found with other boundaries, one confusion, one extra.
 */
async function studentExercise(work = true) {
  const f = await projectWithDocument(TEXT);
  const teach = (phrase: string, codeGuid: Guid) => must(applyCode({ ...f, codeGuid, ...at(phrase) }, f.db));
  await teach('hij niet online kwam', OPMERKEN);
  await teach('Toen belde ik de mentor.', INTERPRETEREN);
  const { bytes } = await must(
    exportExercise(f.projectGuid, { documentGuids: [f.documentGuid], includeCodebook: true, referenceCoderGuid: f.coderGuid, instructions: 'Zoek elk signaal.', instructionsRich: null, feedback: 'end', threshold: 0.5 }, f.db),
  );
  const db: MarkeerDb = freshDb();
  const projectGuid = await must(importBundle(bytes, { db, coderName: 'Sanne' }));
  const imported = await readProjectData(db, projectGuid);
  const student = imported!.project.ownerCoderGuid;
  const code = (phrase: string, codeGuid: Guid) => must(applyCode({ projectGuid, documentGuid: f.documentGuid, coderGuid: student, codeGuid, ...at(phrase) }, db));
  if (work) {
    await code('niet online kwam. Toen', OPMERKEN);
    await code('Toen belde ik de mentor.', OPMERKEN);
  }
  history.clear();
  return { db, projectGuid, student, documentGuid: f.documentGuid, referenceGuid: f.coderGuid };
}

const wrap = (ui: React.ReactNode) => (
  <I18nextProvider i18n={testI18n()}>
    <NotifyProvider>{ui}</NotifyProvider>
  </I18nextProvider>
);

describe('the feedback screen', () => {
  async function shown() {
    const s = await studentExercise();
    const { feedback } = await must(requestFeedback(s.projectGuid, s.student, [s.documentGuid], s.db));
    const data = (await readProjectData(s.db, s.projectGuid))!;
    const onJump = vi.fn();
    render(wrap(<FeedbackView feedback={feedback} data={data} studentGuid={s.student} documentGuids={[s.documentGuid]} onJump={onJump} />));
    return { ...s, onJump, user: userEvent.setup() };
  }

  it('says per code, in words, how much the student found, missed and added', async () => {
    await shown();
    expect(screen.getByText('You found 1 of the reference’s 2 passages.', { exact: false })).toBeTruthy();
    const table = screen.getByRole('table', { name: 'Per code' });
    const noticing = within(table).getByRole('row', { name: /Signalen opmerken/ });
    expect(within(noticing).getAllByRole('cell').map((c) => c.textContent)).toEqual(['1 of 1', '0', '1', '100%', '50%', expect.stringMatching(/%$/), expect.any(String)]);
    const interpreting = within(table).getByRole('row', { name: /Signalen interpreteren/ });
    expect(within(interpreting).getAllByRole('cell').map((c) => c.textContent).slice(0, 5)).toEqual(['0 of 1', '1', '0', '0%', '—not defined (nothing to count)']);
  });

  it('shows a missed passage side by side with the student’s coding, and both definitions of a confusion', async () => {
    const { user, onJump, documentGuid } = await shown();
    await user.click(screen.getByRole('button', { name: /Signalen interpreteren/ }));
    expect(screen.getByRole('button', { name: /Signalen interpreteren/ }).getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByText('1 passage the reference calls “Signalen interpreteren” you coded as “Signalen opmerken”. Compare the definitions:')).toBeTruthy();
    const definitions = document.querySelector('.fb-definitions');
    expect(definitions?.textContent).toContain('Wat de school doet om te begrijpen wat een signaal betekent.');
    expect(definitions?.textContent).toContain('Alert zijn op signalen en ze herkennen.');
    expect(screen.getByRole('heading', { name: 'Missed (1)' })).toBeTruthy();
    const missed = screen.getByRole('heading', { name: 'Missed (1)' }).nextElementSibling as HTMLElement;
    expect(within(missed).getByText('Your coding (Sanne)')).toBeTruthy();
    expect(within(missed).getByText('Reference')).toBeTruthy();
    const marks = [...missed.querySelectorAll('mark')].map((m) => m.textContent);
    expect(marks).toEqual(['Toen belde ik de mentor.']);
    expect(within(missed).getByText('Codes here: Signalen opmerken')).toBeTruthy();
    expect(within(missed).getByText('Codes here: Signalen interpreteren')).toBeTruthy();
    await user.click(within(missed).getByRole('button', { name: 'Go to the passage' }));
    expect(onJump).toHaveBeenCalledWith({ documentGuid, ...at('Toen belde ik de mentor.') });
  });

  it('tells where a found passage starts and ends elsewhere than the reference’s, and shows the reference in full on request', async () => {
    const { user } = await shown();
    await user.click(screen.getByRole('button', { name: /Signalen opmerken/ }));
    expect(screen.getByText('Your passage starts 4 characters (1 word) later and ends 6 characters (1 word) later.')).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Extra (1)' })).toBeTruthy();
    await user.click(screen.getByRole('checkbox', { name: 'Show the whole reference coding of “Signalen opmerken”' }));
    const full = document.querySelector('.fb-full');
    expect(full?.textContent).toContain(TEXT);
  });
});

describe('the exercise banner', () => {
  it('shows the instructions and that the reference is hidden, not secret, and asks for feedback on every document', async () => {
    const s = await studentExercise();
    const data = (await readProjectData(s.db, s.projectGuid))!;
    const coder = data.coders.find((c) => c.guid === s.student)!;
    render(
      wrap(
        <ProjectContext.Provider value={{ db: s.db, project: data.project, coder, coders: data.coders, codes: data.codes }}>
          <ExerciseBanner documentGuid={null} onJump={() => undefined} />
        </ProjectContext.Provider>,
      ),
    );
    const banner = await screen.findByRole('region', { name: 'Exercise' });
    expect(within(banner).getByText('Zoek elk signaal.')).toBeTruthy();
    expect(within(banner).getByText(/hidden, not secret/)).toBeTruthy();
    expect(within(banner).getByText('1 of 1 document coded')).toBeTruthy();
    await userEvent.setup().click(within(banner).getByRole('button', { name: 'Ask for feedback (all documents)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Feedback' }, { timeout: 5000 });
    await waitFor(() => expect(within(dialog).getByRole('table', { name: 'Per code' })).toBeTruthy(), { timeout: 5000 });
    expect(within(dialog).getByRole('table', { name: 'Your attempts, oldest first' })).toBeTruthy();
    expect(await s.db.attempts.count()).toBe(1);
  });

  it('shows nothing to the teacher, whose coding is the reference', async () => {
    const s = await studentExercise(false);
    const data = (await readProjectData(s.db, s.projectGuid))!;
    const teacher = data.coders.find((c) => c.guid === s.referenceGuid)!;
    const { container } = render(
      wrap(
        <ProjectContext.Provider value={{ db: s.db, project: { ...data.project, ownerCoderGuid: teacher.guid }, coder: teacher, coders: data.coders, codes: data.codes }}>
          <ExerciseBanner documentGuid={null} onJump={() => undefined} />
        </ProjectContext.Provider>,
      ),
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(container.querySelector('.exercise-banner')).toBeNull();
  });
});

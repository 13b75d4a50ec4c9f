import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { addDocuments } from '../../../commands/documents';
import { assert } from '../../../domain/assert';
import type { ProjectContextValue } from '../../shell/project-context';
import { projectContext, renderInProject } from '../documents/test-helpers';
import { OpenCoding } from './OpenCoding';
import { requestOpenCoding } from './open-coding-request';

const TEXT = 'Moeder: Ik schrok me kapot. Hij belde elke week.';

describe('open coding from the keyboard', () => {
  let ctx: ProjectContextValue;
  let documentGuid: string;
  const user = userEvent.setup();
  beforeEach(async () => {
    ctx = await projectContext();
    const docs = await addDocuments(ctx.project.guid, [{ name: 'Ouder', text: TEXT }], { db: ctx.db, firstOrder: 0 });
    assert(docs.ok && docs.value[0], 'document added');
    documentGuid = docs.value[0];
  });
  afterEach(() => ctx.db.close());

  const selection = (phrase: string) => () => ({ documentGuid, start: TEXT.indexOf(phrase), end: TEXT.indexOf(phrase) + phrase.length });
  const codeNames = async () => (await ctx.db.codes.toArray()).map((c) => c.name);

  it('makes an in-vivo code with Alt+I and says so', async () => {
    renderInProject(ctx, <OpenCoding currentSelection={selection('Ik schrok me kapot.')} />);
    await user.keyboard('{Alt>}i{/Alt}');
    expect(await screen.findByText('Code “Ik schrok me kapot” created and applied.')).toBeInTheDocument();
    expect(await codeNames()).toEqual(['Ik schrok me kapot']);
    expect(await ctx.db.codings.count()).toBe(1);
  });

  it('asks for a name with Alt+N, then makes and applies that code', async () => {
    renderInProject(ctx, <OpenCoding currentSelection={selection('Hij belde elke week.')} />);
    await user.keyboard('{Alt>}n{/Alt}');
    const dialog = await screen.findByRole('dialog', { name: 'New code from selection' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Name of the code' }), 'Contact{Enter}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(await codeNames()).toEqual(['Contact']);
    expect((await ctx.db.segments.toArray()).map((s) => s.text)).toEqual(['Hij belde elke week.']);
  });

  it('asks for a selection first, from the keys or the guide’s buttons', async () => {
    renderInProject(ctx, <OpenCoding currentSelection={() => null} />);
    expect(requestOpenCoding('in-vivo')).toBe(true);
    expect(await screen.findByText('Select text in a transcript first.')).toBeInTheDocument();
    expect(await ctx.db.codes.count()).toBe(0);
  });
});

import { useId } from 'react';
import { Button, Dialog, DialogTrigger, Heading, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { hiddenCoderGuid } from '../../../domain/exercise';
import { isConsensusCoder, type CoderLens } from '../../../domain/lens';
import { useLens } from '../../shell/lens-context';
import { useProject } from '../../shell/project-context';
import { lensLabel } from './lens';

/**
 * Whose coding the project's views show: a note that says it ("Je ziet de codering van Anna")
 * where a view shows coding (the transcript's head, the codebook, Retrieve, the analysis screen),
 * so that the answer to "whose coding?" is where the user looks. It opens the one project-wide
 * choice of mine, chosen coders, everyone or the consensus.
 */
export function LensControl() {
  const { t } = useTranslation();
  const { project, coder, coders } = useProject();
  const { lens, setLens } = useLens();
  const id = useId();
  const hidden = hiddenCoderGuid(project);
  const choosable = coders.filter((c) => c.guid !== hidden);
  // One coder and no lens chosen: nothing to choose between, nothing to say.
  if (choosable.length < 2 && lens.kind === 'everyone') return null;
  const consensus = choosable.some(isConsensusCoder);
  // A coder ticked while another kind of lens is on starts a choice of just that coder.
  const chosen = lens.kind === 'coders' ? lens.coderGuids : [];
  const toggle = (guid: string) => {
    const next = chosen.includes(guid) ? chosen.filter((g) => g !== guid) : [...chosen, guid];
    setLens({ kind: 'coders', coderGuids: next });
  };
  const radio = (kind: CoderLens['kind'], label: string, disabled = false) => (
    <label className={disabled ? 'lens-kind disabled' : 'lens-kind'}>
      <input
        type="radio"
        name={`${id}-kind`}
        checked={lens.kind === kind}
        disabled={disabled}
        onChange={() => setLens(kind === 'coders' ? { kind, coderGuids: chosen.length > 0 ? chosen : [coder.guid] } : { kind })}
      />{' '}
      {label}
    </label>
  );
  return (
    <DialogTrigger>
      <Button className="lens-note">{t('lens.note', { label: lensLabel(t, lens, coders, coder) })}</Button>
      <Popover className="popover lens-popover" placement="bottom end">
        <Dialog className="lens-dialog" aria-labelledby={`${id}-title`}>
          <Heading slot="title" id={`${id}-title`} className="lens-title">
            {t('lens.title')}
          </Heading>
          <p className="hint">{t('lens.hint')}</p>
          <fieldset className="lens-kinds">
            <legend className="visually-hidden">{t('lens.title')}</legend>
            {radio('mine', t('lens.kind.mine', { name: coder.name }))}
            {radio('everyone', t('lens.kind.everyone'))}
            {radio('consensus', t('lens.kind.consensus'), !consensus && lens.kind !== 'consensus')}
            {!consensus && <p className="hint lens-no-consensus">{t('lens.noConsensus')}</p>}
            {radio('coders', t('lens.kind.coders'))}
          </fieldset>
          <fieldset className="lens-coders" aria-label={t('lens.kind.coders')}>
            {choosable.map((c) => (
              <label key={c.guid}>
                <input type="checkbox" checked={lens.kind === 'coders' && lens.coderGuids.includes(c.guid)} onChange={() => toggle(c.guid)} />{' '}
                <span className="coder-dot" style={{ background: c.color }} aria-hidden="true" /> {c.name}
              </label>
            ))}
          </fieldset>
        </Dialog>
      </Popover>
    </DialogTrigger>
  );
}

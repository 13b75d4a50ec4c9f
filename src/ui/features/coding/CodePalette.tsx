import { useId, useMemo, useState } from 'react';
import { Dialog, Heading, Modal, ModalOverlay } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { ancestors, flattenTree, foldForSearch } from '../../../domain/codebook';
import { useProject } from '../../shell/project-context';
import './coding.css';

const NO_MATCH = 5;

/** How well a code's name (or its parents' names) matches: whole name, prefix, word start, inside, path. */
export function matchRank(name: string, path: string, q: string): number {
  if (name === q) return 0;
  if (name.startsWith(q)) return 1;
  if (name.split(/[\s/()-]+/).some((w) => w.startsWith(q))) return 2;
  if (name.includes(q)) return 3;
  if (path.includes(q)) return 4;
  return NO_MATCH;
}

/** A searchable list of codes opened from the keyboard (Ctrl+K); Enter applies the highlighted code. */
export function CodePalette(props: { isOpen: boolean; canApply: boolean; onClose(): void; onChoose(codeGuid: string): void }) {
  const { t } = useTranslation();
  const { codes } = useProject();
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const rows = useMemo(() => {
    const q = foldForSearch(query.trim());
    const all = flattenTree(codes).map(({ code }, order) => ({ code, order, path: ancestors(codes, code.guid).map((a) => a.name).join(' › ') }));
    if (!q) return all;
    return all
      .map((row) => ({ ...row, rank: matchRank(foldForSearch(row.code.name), foldForSearch(row.path), q) }))
      .filter((row) => row.rank < NO_MATCH)
      .sort((a, b) => a.rank - b.rank || a.order - b.order);
  }, [codes, query]);
  const current = Math.min(active, rows.length - 1);

  const close = () => {
    setQuery('');
    setActive(0);
    props.onClose();
  };
  const choose = (guid: string) => {
    setQuery('');
    setActive(0);
    props.onChoose(guid);
  };

  return (
    <ModalOverlay isOpen={props.isOpen} onOpenChange={(open) => !open && close()} isDismissable className="modal-overlay">
      <Modal className="modal palette">
        <Dialog className="dialog" aria-labelledby={`${id}-title`}>
          <Heading id={`${id}-title`} slot="title">
            {t('palette.title')}
          </Heading>
          <p className="muted">{props.canApply ? t('palette.applyHint') : t('palette.noSelection')}</p>
          <input
            autoFocus
            role="combobox"
            aria-expanded="true"
            aria-controls={`${id}-list`}
            aria-activedescendant={rows[current] ? `${id}-opt-${rows[current].code.guid}` : undefined}
            aria-autocomplete="list"
            aria-label={t('palette.search')}
            placeholder={t('palette.search')}
            value={query}
            onChange={(e) => {
              setQuery(e.target.value);
              setActive(0);
            }}
            onKeyDown={(e) => {
              if (e.key === 'ArrowDown') {
                e.preventDefault();
                setActive((a) => Math.min(rows.length - 1, a + 1));
              } else if (e.key === 'ArrowUp') {
                e.preventDefault();
                setActive((a) => Math.max(0, a - 1));
              } else if (e.key === 'Enter') {
                e.preventDefault();
                const row = rows[current];
                if (row) choose(row.code.guid);
              }
            }}
          />
          <ul id={`${id}-list`} role="listbox" className="palette-list" aria-label={t('palette.codes')}>
            {rows.length === 0 && <li className="muted">{t('palette.none')}</li>}
            {rows.map((row, i) => (
              <li
                key={row.code.guid}
                id={`${id}-opt-${row.code.guid}`}
                role="option"
                aria-selected={i === current}
                className="palette-item"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => choose(row.code.guid)}
                ref={i === current ? (el) => el?.scrollIntoView?.({ block: 'nearest' }) : undefined}
              >
                <span className="swatch" style={{ background: row.code.color }} aria-hidden="true" />
                <span>
                  {row.code.name}
                  {row.path && <span className="palette-path muted"> — {row.path}</span>}
                </span>
                {row.code.shortcut && <span className="kbd">{row.code.shortcut}</span>}
              </li>
            ))}
          </ul>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}

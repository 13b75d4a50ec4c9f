import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { defineTheme, renameTheme } from '../../../commands/themes';
import type { Code, Theme } from '../../../domain/model';
import type { ProjectData } from '../../../domain/project-data';
import { themeCodes, themeTree } from '../../../domain/themes';
import { failureText } from '../../shell/errors';
import { useNotify } from '../../shell/notify';
import { useProject } from '../../shell/project-context';

/** Phase 5: each theme's name, definition and scope note, with its codes' definitions beside them. */
export function ThemeDefine({ data }: { data: ProjectData }) {
  const { t } = useTranslation();
  const rows = themeTree(data.themes);
  if (rows.length === 0) return <p className="muted">{t('themes.none')}</p>;
  return (
    <div className="theme-define">
      <p className="muted">{t('themes.define.hint')}</p>
      {rows.map(({ theme, depth }) => (
        <ThemeDefinition key={theme.guid} theme={theme} depth={depth} codes={themeCodes(theme, data.codes)} />
      ))}
    </div>
  );
}

function ThemeDefinition({ theme, depth, codes }: { theme: Theme; depth: number; codes: readonly Code[] }) {
  const { t } = useTranslation();
  const { db, project } = useProject();
  const { notify } = useNotify();
  const id = useId();
  const [name, setName] = useState(theme.name);
  const [definition, setDefinition] = useState(theme.definition);
  const [scopeNote, setScopeNote] = useState(theme.scopeNote);
  const box = useRef<HTMLElement>(null);
  // Changes made elsewhere (another tab, undo) show unless the user is typing here.
  useEffect(() => {
    if (box.current?.contains(document.activeElement)) return;
    setName(theme.name);
    setDefinition(theme.definition);
    setScopeNote(theme.scopeNote);
  }, [theme.name, theme.definition, theme.scopeNote]);

  const rename = async () => {
    if (name.trim() === theme.name) return;
    const r = await renameTheme(project.guid, theme.guid, name, db);
    if (!r.ok) {
      notify('error', failureText(t, r));
      setName(theme.name);
    }
  };

  const save = async () => {
    if (definition.trim() === theme.definition && scopeNote.trim() === theme.scopeNote) return;
    const r = await defineTheme(project.guid, theme.guid, { definition, scopeNote }, db);
    if (r.ok) notify('info', t('themes.define.saved', { name: theme.name }));
    else notify('error', failureText(t, r));
  };
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void save();
    }
  };

  return (
    <section ref={box} className="theme-definition" aria-labelledby={`${id}-h`} style={{ marginInlineStart: `${depth * 1.5}rem`, borderLeftColor: theme.color }}>
      <h3 id={`${id}-h`}>{theme.name}</h3>
      <div className="theme-definition-grid">
        <div>
          <div className="theme-field">
            <label className="theme-label" htmlFor={`${id}-name`}>
              {t('themes.name')}
            </label>
            <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} onBlur={() => void rename()} onKeyDown={(e) => e.key === 'Enter' && void rename()} />
          </div>
          <div className="theme-field">
            <label className="theme-label" htmlFor={`${id}-def`}>
              {t('themes.define.definition')}
            </label>
            <textarea id={`${id}-def`} rows={3} value={definition} onChange={(e) => setDefinition(e.target.value)} onBlur={() => void save()} onKeyDown={onKey} />
          </div>
          <div className="theme-field">
            <label className="theme-label" htmlFor={`${id}-scope`}>
              {t('themes.define.scopeNote')}
            </label>
            <textarea id={`${id}-scope`} rows={2} value={scopeNote} onChange={(e) => setScopeNote(e.target.value)} onBlur={() => void save()} onKeyDown={onKey} />
          </div>
        </div>
        <div>
          <h4 className="theme-label">{t('themes.define.codeDefinitions')}</h4>
          {codes.length === 0 ? (
            <p className="muted">{t('themes.define.noCodes')}</p>
          ) : (
            <dl className="theme-code-definitions">
              {codes.map((c) => (
                <div key={c.guid}>
                  <dt>
                    <span className="theme-swatch" style={{ background: c.color }} aria-hidden="true" />
                    {c.name}
                  </dt>
                  <dd className={c.definition ? undefined : 'muted'}>{c.definition || t('themes.define.noDefinition')}</dd>
                </div>
              ))}
            </dl>
          )}
        </div>
      </div>
    </section>
  );
}

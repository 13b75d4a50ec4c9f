import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { appStrings } from './app-strings';
import { codebookStrings } from '../features/codebook/strings';
import { documentsStrings } from '../features/documents/strings';
import { bundlesStrings } from '../features/bundles/strings';
import { teamStrings } from '../features/team/strings';
import { agreementStrings } from '../features/agreement/strings';
import { analysisStrings } from '../features/analysis/strings';
import { variablesStrings } from '../features/variables/strings';
import { matrixStrings } from '../features/matrix/strings';
import { queryStrings } from '../features/query/strings';
import { searchStrings } from '../features/search/strings';
import { memosStrings } from '../features/memos/strings';
import { chartsStrings } from '../features/charts/strings';
import { themesStrings } from '../features/themes/strings';
import { exercisesStrings } from '../features/exercises/strings';
import { phasesStrings } from '../features/phases/strings';
import { lensStrings } from '../features/project/lens-strings';
import { syncStrings } from '../features/sync/strings';

/** The strings of one language, feature by feature (each feature's keys under its own name). */
function strings(lang: 'nl' | 'en') {
  return {
    ...appStrings[lang],
    codebook: codebookStrings[lang],
    documents: documentsStrings[lang],
    bundles: bundlesStrings[lang],
    team: teamStrings[lang],
    agreement: agreementStrings[lang],
    analysis: analysisStrings[lang],
    variables: variablesStrings[lang],
    matrix: matrixStrings[lang],
    query: queryStrings[lang],
    search: searchStrings[lang],
    memos: memosStrings[lang],
    charts: chartsStrings[lang],
    themes: themesStrings[lang],
    exercises: exercisesStrings[lang],
    phases: phasesStrings[lang],
    lens: lensStrings[lang],
    sync: syncStrings[lang],
  };
}

export type Lang = 'nl' | 'en';
export const LANGS: readonly Lang[] = ['nl', 'en'];
const STORAGE_KEY = 'markeer.lang';

/** Every feature keeps its strings in a `strings.ts` with `nl` and `en` complete. */
export const resources = {
  nl: { translation: strings('nl') },
  en: { translation: strings('en') },
} as const;

/** The interface language: the user's earlier choice, else the browser's language, else Dutch. */
export function initialLang(): Lang {
  try {
    const saved = globalThis.localStorage?.getItem(STORAGE_KEY);
    if (saved === 'nl' || saved === 'en') return saved;
  } catch {
    // Storage may be unavailable (private mode); fall back to the browser's language.
  }
  const nav = globalThis.navigator?.languages ?? [globalThis.navigator?.language ?? 'nl'];
  for (const l of nav) {
    const base = l.slice(0, 2).toLowerCase();
    if (base === 'nl' || base === 'en') return base;
  }
  return 'en';
}

export function setLang(lang: Lang): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not saved: the choice still holds for this session.
  }
  void i18next.changeLanguage(lang);
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
}

export function initI18n(lang: Lang = initialLang()) {
  if (!i18next.isInitialized) {
    void i18next.use(initReactI18next).init({
      resources,
      lng: lang,
      fallbackLng: false,
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  }
  if (typeof document !== 'undefined') document.documentElement.lang = lang;
  return i18next;
}

export function currentLang(): Lang {
  return i18next.language === 'en' ? 'en' : 'nl';
}

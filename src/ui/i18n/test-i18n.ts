import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Lang } from './index';

const instances = new Map<Lang, i18n>();

/** An i18next instance with every interface string, for component tests (one per language). */
export function testI18n(lang: Lang = 'en'): i18n {
  let instance = instances.get(lang);
  if (!instance) {
    instance = i18next.createInstance();
    void instance.use(initReactI18next).init({ resources, lng: lang, fallbackLng: false, interpolation: { escapeValue: false }, initAsync: false });
    instances.set(lang, instance);
  }
  return instance;
}

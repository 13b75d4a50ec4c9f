/** Strings of this feature. Dutch and English kept complete. */
export const variablesStrings = {
  nl: {},
  en: {},
} as const;

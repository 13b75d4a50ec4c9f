/** Strings of this feature. Dutch and English kept complete. */
export const searchStrings = {
  nl: {},
  en: {},
} as const;

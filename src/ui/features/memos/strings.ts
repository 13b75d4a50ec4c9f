/** Strings of this feature. Dutch and English kept complete. */
export const memosStrings = {
  nl: {},
  en: {},
} as const;

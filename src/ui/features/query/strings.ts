/** Strings of this feature. Dutch and English kept complete. */
export const queryStrings = {
  nl: {},
  en: {},
} as const;

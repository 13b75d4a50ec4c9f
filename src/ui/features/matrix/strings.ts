/** Strings of this feature. Dutch and English kept complete. */
export const matrixStrings = {
  nl: {},
  en: {},
} as const;

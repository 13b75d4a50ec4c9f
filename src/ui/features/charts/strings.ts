/** Strings of this feature. Dutch and English kept complete. */
export const chartsStrings = {
  nl: {},
  en: {},
} as const;

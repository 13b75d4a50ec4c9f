/** Strings of the analysis screen's frame and shared filter. Dutch and English kept complete. */
export const analysisStrings = {
  nl: {
    title: 'Analyse',
    open: 'Analyse',
    backToCoding: 'Coderen',
    tab: { documents: 'Documenten en variabelen', matrix: 'Matrices', charts: 'Grafieken', query: 'Zoekvragen', search: 'Zoeken en autocoderen', memos: 'Memo’s', themes: 'Thema’s' },
    filter: {
      label: 'Filter',
      documents: 'Documenten',
      groups: 'Groepen',
      allDocuments: 'alle documenten',
      anyValue: 'alle waarden',
      clear: 'Filter wissen',
    },
  },
  en: {
    title: 'Analysis',
    open: 'Analysis',
    backToCoding: 'Coding',
    tab: { documents: 'Documents and variables', matrix: 'Matrices', charts: 'Charts', query: 'Queries', search: 'Search and autocode', memos: 'Memos', themes: 'Themes' },
    filter: {
      label: 'Filter',
      documents: 'Documents',
      groups: 'Groups',
      allDocuments: 'all documents',
      anyValue: 'any value',
      clear: 'Clear filter',
    },
  },
} as const;

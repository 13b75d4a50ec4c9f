/** Strings of the coder lens (whose coding the views show), under the `lens.` prefix. Dutch and English kept complete. */
export const lensStrings = {
  nl: {
    title: 'Wiens codering je ziet',
    hint: 'Geldt voor de tekst en de marge, de tellingen in het codeboek, Ophalen en elke analyse en rapportage van dit project. Markeer onthoudt je keuze per project in deze browser.',
    kind: {
      mine: 'Mijn codering ({{name}})',
      everyone: 'Iedereen',
      consensus: 'Consensus',
      coders: 'Gekozen codeurs',
    },
    label: {
      mine: 'je eigen codering ({{name}})',
      everyone: 'iedereens codering',
      consensus: 'de consensus',
      coders_one: 'de codering van {{names}}',
      coders_other: 'de codering van {{names}}',
      nobody: 'geen codeur (kies er een)',
    },
    noConsensus: 'Er is nog geen consensus. Leg die vast bij Overeenstemming.',
    note: 'Je ziet {{label}}',
    reportLine: 'Codering: {{label}}',
    appliedHidden: '“{{code}}” is toegepast, maar je ziet het niet: je toont {{label}}.',
  },
  en: {
    title: 'Whose coding you see',
    hint: 'Applies to the text and its margin, the counts in the codebook, Retrieve and every analysis and report of this project. Markeer remembers your choice per project in this browser.',
    kind: {
      mine: 'My coding ({{name}})',
      everyone: 'Everyone',
      consensus: 'Consensus',
      coders: 'Chosen coders',
    },
    label: {
      mine: 'your own coding ({{name}})',
      everyone: 'everyone’s coding',
      consensus: 'the consensus',
      coders_one: '{{names}}’s coding',
      coders_other: 'the coding of {{names}}',
      nobody: 'no coder (choose one)',
    },
    noConsensus: 'There is no consensus yet. Record one under Agreement.',
    note: 'You see {{label}}',
    reportLine: 'Coding: {{label}}',
    appliedHidden: '“{{code}}” was applied, but you do not see it: you are showing {{label}}.',
  },
} as const;

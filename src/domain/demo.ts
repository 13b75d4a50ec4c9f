import type { Guid } from './model';

/**
 * The demo project's coded passages: in which sample file, which words, which codes of the
 * default template (veerkracht-partnerschap). A passage may name two codes (overlapping coding)
 * and may span two paragraphs (`to`: the passage runs from `phrase` through the end of `to`).
 */
export interface DemoPassage {
  readonly file: string;
  readonly phrase: string;
  readonly to?: string;
  readonly codes: readonly Guid[];
}

const C = {
  signalenOpmerken: 'fd0f7ea9-9d93-5f6f-b31b-3526ab2539b3',
  signalenInterpreteren: '069a0186-6264-516a-a8fb-ebc0e3bc8cb0',
  acties: '21ff9663-68cf-51a7-a5d3-c331d8ec8566',
  monitoren: '4408d2e9-28e2-5b50-ab41-63b867f646b5',
  externKapitaal: 'db97e530-94ed-5c91-8b19-4d1b2eb53a72',
  anticiperen: '6ace370e-3808-5d27-a9d1-7a0fdc91a988',
  materialen: '66d13620-4ed3-5678-a04f-7c559cca7c53',
  ritme: '89dab7d9-0f73-5c28-bee8-4926f36c209e',
  communicatie: '05298ba8-ff18-5105-83a4-6b0f18a60c3d',
  thuisbetrokkenheid: '7403158d-901f-5e1b-a2f1-610b72f6f8cf',
  protocol: '122542a0-7303-5740-a79f-000fd5621920',
  opvang: '2b019363-a672-5d29-a58b-1e398dd898e0',
} as const;

export const DEMO_TEMPLATE = 'veerkracht-partnerschap';

export const DEMO_PASSAGES: readonly DemoPassage[] = [
  { file: 'school-noord-leiding.txt', phrase: 'We merkten al na twee dagen dat er leerlingen gewoon niet online kwamen.', codes: [C.signalenOpmerken] },
  { file: 'school-noord-leiding.txt', phrase: 'En dan ga je uitzoeken wat erachter zit.', to: 'Wat hebben jullie toen gedaan?', codes: [C.signalenInterpreteren] },
  { file: 'school-noord-leiding.txt', phrase: 'We hebben binnen een week alle leerlingen zonder goede laptop er een van school gegeven, in bruikleen.', codes: [C.acties, C.materialen] },
  { file: 'school-noord-leiding.txt', phrase: 'we hadden al een absentieprotocol', to: 'wat de volgende stap is.', codes: [C.protocol] },
  { file: 'school-noord-leiding.txt', phrase: 'Als een leerling om half negen niet in de les is, belt de mentor dezelfde ochtend naar huis.', codes: [C.monitoren] },
  { file: 'school-noord-leiding.txt', phrase: 'Daar zit schaamte achter, denk ik.', codes: [C.communicatie] },
  { file: 'school-noord-leiding.txt', phrase: 'bij de tweede lockdown wisten we precies welke leerlingen we meteen moesten bellen.', codes: [C.anticiperen] },
  { file: 'school-noord-leiding.txt', phrase: 'In die periode hebben die jongerenwerkers ook huisbezoeken gedaan', to: 'echt kwijtgeraakt.', codes: [C.externKapitaal] },
  { file: 'school-noord-ouder.txt', phrase: 'Ik dacht dat hij achter zijn laptop zat, maar hij lag gewoon in bed.', codes: [C.thuisbetrokkenheid] },
  { file: 'school-noord-ouder.txt', phrase: 'Ik kwam daar pas achter toen de mentor mij belde.', codes: [C.communicatie, C.signalenOpmerken] },
  { file: 'mentorgesprek-teams.vtt', phrase: 'Vooral via de telefoon en WhatsApp.', codes: [C.communicatie] },
  { file: 'mentorgesprek-teams.vtt', phrase: 'zorg dat uw kind op tijd opstaat en dat de laptop is opgeladen.', codes: [C.ritme, C.thuisbetrokkenheid] },
  { file: 'mentorgesprek-teams.vtt', phrase: 'Die leerlingen heb ik toen uitgenodigd om op school te komen werken, in het opvanglokaal.', codes: [C.opvang] },
];

/** Where a passage lies in a text, UTF-16 code units, half-open; null when the words are absent. */
export function locatePassage(text: string, passage: DemoPassage): { start: number; end: number } | null {
  const start = text.indexOf(passage.phrase);
  if (start < 0) return null;
  if (!passage.to) return { start, end: start + passage.phrase.length };
  const to = text.indexOf(passage.to, start + passage.phrase.length);
  return to < 0 ? null : { start, end: to + passage.to.length };
}

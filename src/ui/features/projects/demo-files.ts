import type { DemoFile } from '../../../commands/demo';
import { parseVtt } from '../../../io/import/captions';
import leiding from '../../../io/import/fixtures/school-noord-leiding.txt?raw';
import ouder from '../../../io/import/fixtures/school-noord-ouder.txt?raw';
import leerlingen from '../../../io/import/fixtures/school-zuid-leerlingen.txt?raw';
import panel from '../../../io/import/fixtures/panelgesprek-ouderbetrokkenheid.txt?raw';
import mentor from '../../../io/import/fixtures/mentorgesprek-teams.vtt?raw';

/** The fictional sample transcripts that make up the demo project, with their variables. */
export function demoFiles(lang: 'nl' | 'en'): DemoFile[] {
  const v = (school: string, group: string): Record<string, string> =>
    lang === 'nl' ? { school, respondentgroep: group } : { school, 'respondent group': group };
  const g = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  return [
    { file: 'school-noord-leiding.txt', name: 'Noorderhaven – schoolleiding', text: leiding, variables: v('De Noorderhaven', g('Schoolleiding', 'School leaders')) },
    { file: 'school-noord-ouder.txt', name: 'Noorderhaven – ouder', text: ouder, variables: v('De Noorderhaven', g('Ouder', 'Parent')) },
    { file: 'mentorgesprek-teams.vtt', name: 'Mentorgesprek (Teams)', text: parseVtt(mentor), variables: v('De Noorderhaven', g('Leraar', 'Teacher')) },
    { file: 'school-zuid-leerlingen.txt', name: 'Zuiderlicht – leerlingen', text: leerlingen, variables: v('Het Zuiderlicht', g('Leerling', 'Student')) },
    { file: 'panelgesprek-ouderbetrokkenheid.txt', name: 'Panelgesprek ouderbetrokkenheid', text: panel, variables: v('—', g('Panel', 'Panel')) },
  ];
}

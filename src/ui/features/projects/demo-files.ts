import type { DemoFile } from '../../../commands/demo';
import { parseVtt } from '../../../io/import/captions';
import leiding from '../../../io/import/fixtures/school-noord-leiding.txt?raw';
import ouder from '../../../io/import/fixtures/school-noord-ouder.txt?raw';
import leerlingen from '../../../io/import/fixtures/school-zuid-leerlingen.txt?raw';
import panel from '../../../io/import/fixtures/panelgesprek-ouderbetrokkenheid.txt?raw';
import mentor from '../../../io/import/fixtures/mentorgesprek-teams.vtt?raw';

/**
 * The fictional sample transcripts that make up the demo project, with their variables (as the
 * transcripts' headers give them: school, its type, who was interviewed, when, and how many
 * respondents) and two groups, so that a new user can try groups and a comparison by school type.
 * The panel is no school's, and the Teams recording carries no date.
 */
export function demoFiles(lang: 'nl' | 'en'): DemoFile[] {
  const g = (nl: string, en: string) => (lang === 'nl' ? nl : en);
  const names = {
    school: 'school',
    type: g('schooltype', 'school type'),
    group: g('respondentgroep', 'respondent group'),
    date: g('interviewdatum', 'interview date'),
    count: g('aantal respondenten', 'number of respondents'),
  };
  const v = (values: { school?: string; type?: string; group: string; date?: string; count: string }): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const key of ['school', 'type', 'group', 'date', 'count'] as const) {
      const value = values[key];
      if (value !== undefined) out[names[key]] = value;
    }
    return out;
  };
  const noord = { school: 'De Noorderhaven', type: g('scholengemeenschap', 'comprehensive school') };
  const zuid = { school: 'Het Zuiderlicht', type: 'vmbo' };
  const staff = g('Schoolpersoneel', 'School staff');
  const families = g('Ouders en leerlingen', 'Parents and students');
  return [
    { file: 'school-noord-leiding.txt', name: 'Noorderhaven – schoolleiding', text: leiding, variables: v({ ...noord, group: g('Schoolleiding', 'School leaders'), date: '14-01-2021', count: '2' }), groups: [staff] },
    { file: 'school-noord-ouder.txt', name: 'Noorderhaven – ouder', text: ouder, variables: v({ ...noord, group: g('Ouder', 'Parent'), date: '02-02-2021', count: '1' }), groups: [families] },
    { file: 'mentorgesprek-teams.vtt', name: 'Mentorgesprek (Teams)', text: parseVtt(mentor), variables: v({ ...noord, group: g('Leraar', 'Teacher'), count: '1' }), groups: [staff] },
    { file: 'school-zuid-leerlingen.txt', name: 'Zuiderlicht – leerlingen', text: leerlingen, variables: v({ ...zuid, group: g('Leerling', 'Student'), date: '09-03-2021', count: '4' }), groups: [families] },
    { file: 'panelgesprek-ouderbetrokkenheid.txt', name: 'Panelgesprek ouderbetrokkenheid', text: panel, variables: v({ group: g('Panel', 'Panel'), count: '3' }) },
  ];
}

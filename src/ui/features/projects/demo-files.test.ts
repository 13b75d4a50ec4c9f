import { demoFiles } from './demo-files';
import { readProjectData } from '../../../storage/project-data';
import { createDemoProject } from '../../../commands/demo';
import { freshDb } from '../../../commands/test-builders';

describe('the demo project', () => {
  it('has typed variables, a school type to compare and two groups', async () => {
    const db = freshDb();
    const r = await createDemoProject({ projectName: 'Demo', coderName: 'Ik', lang: 'nl', files: demoFiles('nl') }, db);
    if (!r.ok) throw new Error(r.reason);
    const data = await readProjectData(db, r.value);
    if (!data) throw new Error('no project');
    expect([...data.variables].sort((a, b) => a.order - b.order).map((v) => `${v.name}:${v.type}`)).toEqual([
      'school:text',
      'schooltype:text',
      'respondentgroep:text',
      'interviewdatum:date',
      'aantal respondenten:number',
    ]);
    const byName = Object.fromEntries(data.documents.map((d) => [d.name, d.variables]));
    expect(byName['Noorderhaven – schoolleiding']).toEqual({ school: 'De Noorderhaven', schooltype: 'scholengemeenschap', respondentgroep: 'Schoolleiding', interviewdatum: '2021-01-14', 'aantal respondenten': '2' });
    expect(byName['Zuiderlicht – leerlingen']?.schooltype).toBe('vmbo');
    const names = new Map(data.documents.map((d) => [d.guid, d.name]));
    const groups = [...data.groups].sort((a, b) => a.order - b.order);
    expect(groups.map((g) => [g.name, g.documentGuids.map((d) => names.get(d)).sort()])).toEqual([
      ['Schoolpersoneel', ['Mentorgesprek (Teams)', 'Noorderhaven – schoolleiding']],
      ['Ouders en leerlingen', ['Noorderhaven – ouder', 'Zuiderlicht – leerlingen']],
    ]);
  });

  it('names its variables in English for an English user', async () => {
    const db = freshDb();
    const r = await createDemoProject({ projectName: 'Demo', coderName: 'Me', lang: 'en', files: demoFiles('en') }, db);
    if (!r.ok) throw new Error(r.reason);
    const data = await readProjectData(db, r.value);
    expect(data?.variables.map((v) => v.name).sort()).toEqual(['interview date', 'number of respondents', 'respondent group', 'school', 'school type']);
  });
});

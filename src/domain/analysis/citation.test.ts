import { citation, placeholders, unknownPlaceholders } from './citation';

const doc = (variables: Record<string, string>, name = 'Interview ouder 3') => ({ name, variables });
const names = ['Respondentgroep', 'school', 'school type'];

describe('citations', () => {
  it('fills variables by name, ignoring case and spaces inside the braces', () => {
    const d = doc({ Respondentgroep: 'Ouder', school: 'school 1' });
    expect(citation('({respondentgroep}, {School})', d, names)).toBe('(Ouder, school 1)');
    expect(citation('({ respondentgroep }; { SCHOOL })', d, names)).toBe('(Ouder; school 1)');
  });

  it('puts the document name in {document}', () => {
    expect(citation('{document}, {school}', doc({ school: 'school 2' }), names)).toBe('Interview ouder 3, school 2');
  });

  it('cites by the document name when the project has no template', () => {
    expect(citation(undefined, doc({ school: 'x' }))).toBe('(Interview ouder 3)');
    expect(citation('   ', doc({}))).toBe('(Interview ouder 3)');
  });

  it('drops an empty value together with one separator next to it', () => {
    expect(citation('({respondentgroep}, {school})', doc({ Respondentgroep: 'Ouder' }), names)).toBe('(Ouder)');
    expect(citation('({respondentgroep}, {school})', doc({ school: 'school 1' }), names)).toBe('(school 1)');
    expect(citation('{respondentgroep} - {school type} - {school}', doc({ Respondentgroep: 'Ouder', school: 's1' }), names)).toBe('Ouder - s1');
    expect(citation('{respondentgroep} {school}', doc({ school: 's1', Respondentgroep: '' }), names)).toBe('s1');
  });

  it('leaves nothing of brackets whose values are all empty', () => {
    expect(citation('{document} ({respondentgroep}, {school})', doc({}), names)).toBe('Interview ouder 3');
  });

  it('keeps a placeholder that names no variable visible with a question mark', () => {
    expect(citation('({respondentgroep}, {scholl})', doc({ Respondentgroep: 'Ouder' }), names)).toBe('(Ouder, {scholl?})');
    expect(unknownPlaceholders('({respondentgroep}, {scholl}, {Document})', names)).toEqual(['scholl']);
  });

  it('knows a variable this document has no value for from the project’s variable names', () => {
    expect(citation('({school type})', doc({}), names)).toBe('');
    expect(citation('({school type})', doc({}))).toBe('({school type?})');
  });

  it('lists the placeholders of a template once each', () => {
    expect(placeholders('{a} {b} { a }')).toEqual(['a', 'b']);
  });
});

import { FindingKind, findPersonalData, validNhsNumber } from './personal-data';

describe('personal data check', () => {
  it('knows a valid NHS number by its check digit', () => {
    expect(validNhsNumber('9434765919')).toBe(true);
    expect(validNhsNumber('9434765918')).toBe(false);
    expect(validNhsNumber('943476591')).toBe(false);
  });

  it('finds each kind, with its page and the words around it, and leaves ordinary dates and figures alone', () => {
    const pages = [
      { page: 3, text: 'Meeting on 12/03/2027. Young person (DOB: 14/02/2009) lives at 10 High Street, RV1 2AB.' },
      {
        page: 4,
        text: 'NHS no 943 476 5919; ring 07700 900123 or 020 7946 0018; write to jo.bloggs@example.org. 2,345 care leavers; 943 476 5918.',
      },
      { page: 5, text: 'Ava Mensah-Clarke attended; so did Avalon staff.' },
    ];
    const found = findPersonalData(pages, ['Ava Mensah-Clarke', 'Ava']);
    expect(found.map((f) => [f.page, f.kind, f.match])).toEqual([
      [3, FindingKind.DATE_OF_BIRTH, 'DOB: 14/02/2009'],
      [3, FindingKind.POSTCODE, 'RV1 2AB'],
      [4, FindingKind.EMAIL, 'jo.bloggs@example.org'],
      [4, FindingKind.NHS_NUMBER, '943 476 5919'],
      [4, FindingKind.PHONE, '07700 900123'],
      [4, FindingKind.PHONE, '020 7946 0018'],
      [5, FindingKind.NAME, 'Ava Mensah-Clarke'],
    ]);
    expect(found[0].context).toContain('Young person (DOB: 14/02/2009) lives');
  });
});

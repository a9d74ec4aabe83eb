import { AgendaItemKind } from '@pbw/meetings';
import { type PackData, PackEdition, exemptNotice, packContent } from './pack-content';
import { pdfText } from './pack-pdf';

const data = (exempt: boolean): PackData => ({
  partnershipName: 'Riverside',
  meetingTitle: 'Board',
  when: 'Monday',
  location: null,
  items: [
    {
      id: 'a',
      number: '1',
      parentId: null,
      title: 'Named placements',
      kind: AgendaItemKind.OTHER,
      subGroupId: null,
      presenter: 'Head of Placements',
      exempt,
      exemptParagraph: exempt ? 2 : null,
    },
  ],
  reports: [],
  papers: new Map(),
  indicators: [],
  commitments: [],
  principles: null,
  voice: [],
  actionLog: [],
});

describe('pack content', () => {
  it('keeps an exempt item whole in the members’ edition and replaces it by the notice of its reason in the public one', () => {
    expect(packContent(data(true), PackEdition.MEMBERS).sections[0]).toMatchObject({ presenter: 'Head of Placements', blocks: [] });
    expect(packContent(data(true), PackEdition.PUBLIC).sections[0]).toEqual({
      number: '1',
      title: 'Named placements',
      level: 0,
      presenter: null,
      blocks: [{ kind: 'para', text: exemptNotice({ exemptParagraph: 2 }) }],
    });
    expect(exemptNotice({ exemptParagraph: 2 })).toContain(
      'paragraph 2 of Part 1 of Schedule 12A to the Local Government Act 1972: Information which is likely to reveal',
    );
    expect(packContent(data(false), PackEdition.PUBLIC).sections[0].presenter).toBe('Head of Placements');
  });

  it('writes only what the pack’s typeface can show: Latin, Greek and Cyrillic names as written, anything else as ?', () => {
    expect(pdfText('Care leavers’ “offer” – £5 ✓ 漢')).toBe('Care leavers’ “offer” – £5 ? ?');
    expect(pdfText('Łukasz Wiśniewski, Ștefan Ionescu, Σοφία, Дмитрий')).toBe('Łukasz Wiśniewski, Ștefan Ionescu, Σοφία, Дмитрий');
    expect(pdfText('tab\tand\nline\u0007bell')).toBe('tab\tand\nline?bell');
  });
});

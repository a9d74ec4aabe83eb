import type { GraphQLError } from 'graphql';
import { encodeCursor } from '@pbw/core';
import type { Scope } from '@pbw/db';
import type { SearchArgs } from './search.dto';
import { MARK_END, MARK_START, type SearchRepository, type SearchRow } from './search.repository';
import { SearchService, snippetParts } from './search.service';

const S = MARK_START;
const E = MARK_END;

describe('snippetParts', () => {
  it('gives nothing for an empty headline', () => {
    expect(snippetParts('')).toEqual([]);
  });

  it('keeps unmarked text as one plain part', () => {
    expect(snippetParts('Attendance rose this term.')).toEqual([{ text: 'Attendance rose this term.', highlight: false }]);
  });

  it('marks exactly the text between the markers, and drops the markers', () => {
    expect(snippetParts(`Includes a ${S}heron${E} count`)).toEqual([
      { text: 'Includes a ', highlight: false },
      { text: 'heron', highlight: true },
      { text: ' count', highlight: false },
    ]);
    expect(snippetParts(`${S}Heron${E} survey`)).toEqual([
      { text: 'Heron', highlight: true },
      { text: ' survey', highlight: false },
    ]);
    expect(snippetParts(`a survey of the ${S}heron${E}`)).toEqual([
      { text: 'a survey of the ', highlight: false },
      { text: 'heron', highlight: true },
    ]);
  });

  it('keeps neighbouring matched words apart when text lies between them, and joins them when nothing does', () => {
    expect(snippetParts(`${S}heron${E} ${S}count${E}`)).toEqual([
      { text: 'heron', highlight: true },
      { text: ' ', highlight: false },
      { text: 'count', highlight: true },
    ]);
    expect(snippetParts(`${S}her${E}${S}on${E} here`)).toEqual([
      { text: 'heron', highlight: true },
      { text: ' here', highlight: false },
    ]);
  });

  it('never makes an empty part, whatever the markers do', () => {
    expect(snippetParts(`${S}${E}`)).toEqual([]);
    expect(snippetParts(`a${S}${E}b`)).toEqual([{ text: 'ab', highlight: false }]);
    expect(snippetParts(`${E}${E}plain${S}${S}`)).toEqual([{ text: 'plain', highlight: false }]);
  });

  it('copes with a marker left open or a stray end marker (a headline cut short)', () => {
    expect(snippetParts(`cut ${S}short`)).toEqual([
      { text: 'cut ', highlight: false },
      { text: 'short', highlight: true },
    ]);
    expect(snippetParts(`stray${E} end`)).toEqual([{ text: 'stray end', highlight: false }]);
  });

  it('treats markup and other characters as text, and keeps characters outside the basic plane whole', () => {
    expect(snippetParts(`<b>${S}kestrel${E}</b> & "quotes" … 🦅`)).toEqual([
      { text: '<b>', highlight: false },
      { text: 'kestrel', highlight: true },
      { text: '</b> & "quotes" … 🦅', highlight: false },
    ]);
    expect(snippetParts(`${S}🦅${E}`)).toEqual([{ text: '🦅', highlight: true }]);
  });

  it('keeps line breaks as written', () => {
    expect(snippetParts(`first line\n${S}second${E} line`)).toEqual([
      { text: 'first line\n', highlight: false },
      { text: 'second', highlight: true },
      { text: ' line', highlight: false },
    ]);
  });
});

describe('SearchService paging', () => {
  const scope = {} as Scope;
  const row = (n: number, total: number): SearchRow => ({
    kind: 'ACTION',
    id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    record_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    title: `Action ${n}`,
    snippet: `${S}Action${E} ${n}`,
    rank: 1,
    updated_at: new Date('2026-05-01T10:00:00Z'),
    total: String(total),
  });
  /** A repository over `total` numbered hits that records how it was asked. */
  const fake = (total: number) => {
    const calls: Array<{ limit: number; offset: number; kinds: readonly string[] }> = [];
    const repo = {
      search: (_s: Scope, _text: string, kinds: readonly string[], limit: number, offset: number) => {
        calls.push({ limit, offset, kinds });
        const rows: SearchRow[] = [];
        for (let i = offset; i < Math.min(total, offset + limit); i++) rows.push(row(i + 1, total));
        return Promise.resolve(rows);
      },
    };
    return { service: new SearchService(repo as unknown as SearchRepository), calls };
  };
  const args = (a: Partial<SearchArgs>): SearchArgs => Object.assign({ query: 'action' }, a) as SearchArgs;

  it('pages through every hit once, counting them all on every page', async () => {
    const { service, calls } = fake(7);
    const seen: string[] = [];
    let after: string | undefined;
    for (;;) {
      const page = await service.search(scope, args({ first: 3, after }));
      expect(page.totalCount).toBe(7);
      seen.push(...page.edges.map((e) => e.node.id));
      expect(page.pageInfo.endCursor).toBe(page.edges[page.edges.length - 1].cursor);
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor ?? undefined;
    }
    expect(seen).toEqual([1, 2, 3, 4, 5, 6, 7].map((n) => row(n, 7).id));
    expect(calls.map((c) => [c.limit, c.offset])).toEqual([
      [3, 0],
      [3, 3],
      [3, 6],
    ]);
  });

  it('shapes each hit, with the snippet in parts, asking for 20 of every kind by default', async () => {
    const { service, calls } = fake(1);
    const page = await service.search(scope, args({ kinds: undefined }));
    expect(calls[0]).toEqual({ limit: 20, offset: 0, kinds: [] });
    expect(page.edges[0].node).toEqual({
      kind: 'ACTION',
      id: row(1, 1).id,
      recordKind: 'ACTION',
      recordId: row(1, 1).id,
      title: 'Action 1',
      snippet: [
        { text: 'Action', highlight: true },
        { text: ' 1', highlight: false },
      ],
      updatedAt: new Date('2026-05-01T10:00:00Z'),
    });
    expect(page.pageInfo).toEqual({ hasNextPage: false, endCursor: page.edges[0].cursor });
  });

  it('a comment hit opens the record it is on', async () => {
    const comment: SearchRow = {
      ...row(1, 1),
      kind: 'REPORT_COMMENT',
      record_id: row(2, 1).id,
      title: 'Comment on the Health highlight report',
    };
    const repo = { search: () => Promise.resolve([comment, { ...comment, kind: 'EVIDENCE_COMMENT' }]) };
    const page = await new SearchService(repo as unknown as SearchRepository).search(scope, args({}));
    expect(page.edges.map((e) => [e.node.kind, e.node.id, e.node.recordKind, e.node.recordId])).toEqual([
      ['REPORT_COMMENT', row(1, 1).id, 'HIGHLIGHT_REPORT', row(2, 1).id],
      ['EVIDENCE_COMMENT', row(1, 1).id, 'EVIDENCE', row(2, 1).id],
    ]);
  });

  it('answers an empty connection when nothing matches', async () => {
    const { service } = fake(0);
    await expect(service.search(scope, args({}))).resolves.toEqual({
      edges: [],
      totalCount: 0,
      pageInfo: { hasNextPage: false, endCursor: null },
    });
  });

  it('refuses a cursor that does not hold a position in a search, before asking the database', async () => {
    const { service, calls } = fake(5);
    const id = '00000000-0000-4000-8000-000000000001';
    for (const after of [
      'nonsense',
      encodeCursor({ key: -1, id }),
      encodeCursor({ key: 2.5, id }),
      encodeCursor({ key: '2026-05-01', id }),
      encodeCursor({ key: null, id }),
    ]) {
      const e = (await service.search(scope, args({ after })).then(
        () => null,
        (x: unknown) => x,
      )) as GraphQLError | null;
      expect({ after, code: e?.extensions?.code, fields: e?.extensions?.fields }).toEqual({
        after,
        code: 'BAD_USER_INPUT',
        fields: [{ path: 'after', message: 'This cursor is not valid. Use the endCursor of a previous page.' }],
      });
    }
    expect(calls).toEqual([]);
  });
});

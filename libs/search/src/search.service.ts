import { Injectable } from '@nestjs/common';
import { type ConnectionShape, decodeCursor, encodeCursor, fieldError } from '@pbw/core';
import type { Scope } from '@pbw/db';
import { type SearchArgs, SearchKindEnum, type SearchHitType, SearchRecordKind, type SnippetPartType } from './search.dto';
import { LESS_THAN, MARK_END, MARK_START, SearchRepository } from './search.repository';

const RECORD_KIND: Record<SearchKindEnum, SearchRecordKind> = {
  ACTION: SearchRecordKind.ACTION,
  EVIDENCE: SearchRecordKind.EVIDENCE,
  HIGHLIGHT_REPORT: SearchRecordKind.HIGHLIGHT_REPORT,
  EVIDENCE_COMMENT: SearchRecordKind.EVIDENCE,
  REPORT_COMMENT: SearchRecordKind.HIGHLIGHT_REPORT,
};

/** Splits PostgreSQL's marked-up headline into plain pieces, so no client ever has to trust markup. */
export function snippetParts(headline: string): SnippetPartType[] {
  const parts: SnippetPartType[] = [];
  let highlight = false;
  let text = '';
  const flush = () => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && last.highlight === highlight) last.text += text;
    else parts.push({ text, highlight });
    text = '';
  };
  for (const ch of headline) {
    if (ch === MARK_START || ch === MARK_END) {
      flush();
      highlight = ch === MARK_START;
    } else {
      text += ch === LESS_THAN ? '<' : ch;
    }
  }
  flush();
  return parts;
}

/** A search cursor holds how many hits came before it; anything else (another list's cursor, a crafted one) is refused. */
function offsetOf(after: string): number {
  const key = decodeCursor(after).key;
  if (typeof key !== 'number' || !Number.isSafeInteger(key) || key < 0) {
    throw fieldError('after', 'This cursor is not valid. Use the endCursor of a previous page.');
  }
  return key;
}

@Injectable()
export class SearchService {
  constructor(private readonly repo: SearchRepository) {}

  async search(scope: Scope, args: SearchArgs): Promise<ConnectionShape<SearchHitType>> {
    const first = args.first ?? 20;
    const offset = args.after ? offsetOf(args.after) : 0;
    const rows = await this.repo.search(scope, args.query, args.kinds ?? [], first, offset);
    const totalCount = rows.length ? Number(rows[0].total) : 0;
    const edges = rows.map((r, i) => ({
      cursor: encodeCursor({ key: offset + i + 1, id: r.id }),
      node: {
        kind: r.kind as SearchKindEnum,
        id: r.id,
        recordKind: RECORD_KIND[r.kind as SearchKindEnum],
        recordId: r.record_id,
        title: r.title,
        snippet: snippetParts(r.snippet),
        updatedAt: new Date(r.updated_at),
      },
    }));
    return {
      edges,
      totalCount,
      pageInfo: { hasNextPage: offset + rows.length < totalCount, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
    };
  }
}

import { Injectable } from '@nestjs/common';
import { AccessPolicy, AccessTokenService } from '@pbw/access';
import { type Scope, isUuid } from '@pbw/db';
import { type FileEntity, FileRepository } from '@pbw/files';
import type { AgendaPaperType } from './agenda.dto';
import { type AgendaItemEntity, AgendaItemKind } from './agenda.entities';
import { AgendaItemRepository } from './agenda.repository';

type PaperItem = Pick<AgendaItemEntity, 'id' | 'meetingId' | 'kind' | 'exempt' | 'authorUserId' | 'fileId'>;

/** Where an agenda item's paper comes down: GET, beside GraphQL (DESIGN.md §6). */
export function agendaPaperPath(meetingId: string, agendaItemId: string): string {
  return `/meetings/${meetingId}/papers/${agendaItemId}`;
}

/**
 * An agenda item's paper for download: found only in the actor's partnership, and only when
 * AccessPolicy.canReadAgendaPaper allows it; otherwise nothing, so a refusal looks the same
 * as a paper that does not exist.
 */
@Injectable()
export class AgendaPapersService {
  constructor(
    private readonly items: AgendaItemRepository,
    private readonly files: FileRepository,
    private readonly tokens: AccessTokenService,
  ) {}

  /** Whether the item has a paper this actor may download (the file is looked for separately). */
  mayDownload(scope: Scope, item: PaperItem): item is PaperItem & { fileId: string } {
    return item.kind === AgendaItemKind.PAPER && item.fileId !== null && AccessPolicy.canReadAgendaPaper(scope.actor, item);
  }

  async find(scope: Scope, meetingId: string, agendaItemId: string): Promise<{ item: AgendaItemEntity; file: FileEntity } | null> {
    if (!isUuid(meetingId) || !isUuid(agendaItemId)) return null;
    const item = await this.items.findById(scope, agendaItemId);
    if (!item || item.meetingId !== meetingId || !this.mayDownload(scope, item)) return null;
    const file = await this.files.findById(scope, item.fileId);
    return file ? { item, file } : null;
  }

  /**
   * The paper as the web app shows it, with a link that works for a few minutes: a browser
   * following a plain link cannot send the bearer header. The link's token names the agenda
   * item, not the file, because the route finds the file through the item.
   */
  describe(scope: Scope, item: PaperItem, file: FileEntity): AgendaPaperType {
    const token = scope.actor.userId ? this.tokens.issueDownload(scope.actor.userId, scope.partnershipId, item.id) : '';
    return {
      name: file.originalName,
      contentType: file.contentType,
      size: file.sizeBytes,
      downloadUrl: `${agendaPaperPath(item.meetingId, item.id)}?token=${encodeURIComponent(token)}`,
    };
  }
}

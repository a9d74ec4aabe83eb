import { Injectable, Optional } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { fieldError, forbidden, notFound } from '@pbw/core';
import { AccessPolicy } from '@pbw/access';
import { MutationRunner, snapshot } from '@pbw/audit';
import type { Scope } from '@pbw/db';
import { FileRepository } from '@pbw/files';
import { QUEUES, requestEvent } from '@pbw/queue';
import type { AgendaItemType } from './agenda.dto';
import { AgendaItemKind } from './agenda.entities';
import { AgendaItemRepository } from './agenda.repository';
import { AgendaService } from './agenda.service';
import {
  type AttachAgendaPaperInput,
  ContributionStatus,
  type PackContributionType,
  type RemindPackContributorsInput,
} from './pack-readiness.dto';
import { type ContributionRow, PackReadinessRepository } from './pack-readiness.repository';
import { MeetingStatus } from './meetings.entities';
import { MeetingRepository } from './meetings.repositories';

function statusOf(r: ContributionRow): { status: ContributionStatus; submittedAt: Date | null } {
  if (r.kind === 'PAPER') {
    if (!r.paperSubmittedAt) return { status: ContributionStatus.MISSING, submittedAt: null };
    return { status: r.paperLate ? ContributionStatus.LATE : ContributionStatus.SUBMITTED, submittedAt: r.paperSubmittedAt };
  }
  if (r.reportStatus === 'RETURNED') return { status: ContributionStatus.RETURNED, submittedAt: r.reportSubmittedAt };
  if (r.reportStatus === 'SUBMITTED' || r.reportStatus === 'ACCEPTED') {
    return { status: r.reportLate ? ContributionStatus.LATE : ContributionStatus.SUBMITTED, submittedAt: r.reportSubmittedAt };
  }
  // No report yet, or a draft: not in.
  return { status: ContributionStatus.MISSING, submittedAt: null };
}

const IN = new Set([ContributionStatus.SUBMITTED, ContributionStatus.LATE]);

/**
 * Is the pack ready? Each sub-group report and paper the agenda expects, in agenda order, with
 * who is to write it and whether it is in; the secretariat can remind those still outstanding
 * (through the reminders queue), and a paper's author or the secretariat adds its file.
 */
@Injectable()
export class PackReadinessService {
  constructor(
    private readonly mutations: MutationRunner,
    private readonly meetings: MeetingRepository,
    private readonly items: AgendaItemRepository,
    private readonly agenda: AgendaService,
    private readonly readinessRows: PackReadinessRepository,
    private readonly files: FileRepository,
    // Absent where the service runs without queues (the demo loader).
    @Optional() @InjectQueue(QUEUES.REMINDERS) private readonly reminders?: Queue,
  ) {}

  async readiness(scope: Scope, meetingId: string): Promise<PackContributionType[]> {
    const m = await this.meetings.findById(scope, meetingId);
    if (!m) throw notFound('Meeting');
    const rows = new Map((await this.readinessRows.rows(scope, m.id)).map((r) => [r.agendaItemId, r]));
    return (await this.agenda.agenda(scope, m.id))
      .filter((i) => rows.has(i.id))
      .map((i) => {
        const r = rows.get(i.id) as ContributionRow;
        return {
          agendaItemId: i.id,
          number: i.number,
          title: i.title,
          kind: r.kind,
          subGroupId: r.subGroupId,
          reportId: r.reportId,
          authorUserId: r.authorUserId,
          authorName: r.authorName,
          ...statusOf(r),
        };
      });
  }

  attachPaper(scope: Scope, input: AttachAgendaPaperInput): Promise<AgendaItemType> {
    return this.mutations.run(scope, 'agendaItem.attachPaper', async (tx) => {
      const found = await this.items.findById(tx, input.agendaItemId);
      if (!found) throw notFound('Agenda item');
      const m = await this.meetings.lockById(tx, found.meetingId);
      if (!m) throw notFound('Meeting');
      const item = (await this.items.lockById(tx, found.id)) as NonNullable<typeof found>;
      const secretariat = AccessPolicy.isSecretariat(tx.actor);
      AccessPolicy.assert(
        secretariat || item.authorUserId === tx.actor.userId,
        'Only the paper’s author and the board secretariat can add its paper.',
      );
      if (m.status === MeetingStatus.CANCELLED) throw forbidden('This meeting is cancelled: it takes no papers. Plan it again first.');
      if (item.kind !== AgendaItemKind.PAPER) throw fieldError('input.agendaItemId', 'Only a paper item takes a file.');
      const file = await this.files.findById(tx, input.fileId);
      if (!file || (!secretariat && file.uploadedByUserId !== tx.actor.userId))
        throw fieldError('input.fileId', 'Choose a file you uploaded.');
      const before = snapshot(item);
      // Attaching locks the file's row, so the clean-up of unattached uploads cannot take it meanwhile.
      await this.files.setAttached(tx, [file.id], true);
      if (item.fileId && item.fileId !== file.id) await this.files.setAttached(tx, [item.fileId], false);
      const saved = await this.items.save(tx, { ...item, fileId: file.id, paperSubmittedAt: new Date(), version: item.version + 1 });
      const result = (await this.agenda.agenda(tx, item.meetingId)).find((i) => i.id === item.id) as AgendaItemType;
      return { result, audit: { entityType: 'AgendaItem', entityId: item.id, before, after: snapshot(saved) } };
    });
  }

  /** Asks the worker to remind each outstanding contribution's author; answers how many were reminded. */
  async remind(scope: Scope, input: RemindPackContributorsInput): Promise<number> {
    AccessPolicy.assert(AccessPolicy.isSecretariat(scope.actor), 'Only the board secretariat can send reminders about the pack.');
    const wanted = input.agendaItemIds ? new Set(input.agendaItemIds) : null;
    const outstanding = (await this.readiness(scope, input.meetingId)).filter(
      (c) => !IN.has(c.status) && c.authorUserId && (!wanted || wanted.has(c.agendaItemId)),
    );
    if (wanted && wanted.size && !outstanding.length) {
      throw fieldError('input.agendaItemIds', 'None of these is outstanding with someone to remind.');
    }
    if (!outstanding.length) return 0;
    await this.mutations.run(scope, 'meeting.remindContributors', async () => ({
      result: null,
      audit: {
        entityType: 'Meeting',
        entityId: input.meetingId,
        before: null,
        after: { reminded: outstanding.map((c) => c.agendaItemId) },
      },
    }));
    const at = Date.now();
    for (const c of outstanding) {
      await requestEvent(
        this.reminders,
        { partnershipId: scope.partnershipId, event: 'PACK_CONTRIBUTION_DUE', recordId: c.agendaItemId },
        at,
      );
    }
    return outstanding.length;
  }
}

import { Processor, WorkerHost } from '@nestjs/bullmq';
import type { Job } from 'bullmq';
import { JOBS, QUEUES, type ExpireInvitationsJob, type ExpireInvitationsResult } from '@pbw/queue';
import { InvitationExpiryService } from './invitation-expiry.service';

@Processor(QUEUES.MAINTENANCE)
export class MaintenanceProcessor extends WorkerHost {
  constructor(private readonly expiry: InvitationExpiryService) {
    super();
  }

  async process(job: Job<ExpireInvitationsJob>): Promise<ExpireInvitationsResult | undefined> {
    if (job.name === JOBS.EXPIRE_INVITATIONS) {
      return this.expiry.expireStale(job.data.asOf ? new Date(job.data.asOf) : new Date());
    }
    throw new Error(`Unknown maintenance job ${job.name}`);
  }
}

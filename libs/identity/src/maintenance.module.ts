import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { CredentialsRepository } from './credentials.repository';
import { AuthTokenRepository } from './identity.repositories';
import { MaintenanceProcessor } from './invitation-expiry.processor';
import { InvitationExpiryService } from './invitation-expiry.service';
import { MaintenanceScheduler } from './maintenance.scheduler';

/** The worker's side: runs the maintenance jobs. */
@Module({
  imports: [AuditModule],
  providers: [CredentialsRepository, AuthTokenRepository, InvitationExpiryService, MaintenanceProcessor],
  exports: [InvitationExpiryService],
})
export class MaintenanceWorkerModule {}

/** The api's side: plans them. */
@Module({
  providers: [MaintenanceScheduler],
})
export class MaintenanceSchedulerModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { BoardsModule } from '@pbw/boards';
import { FrameworksModule } from '@pbw/frameworks';
import { IdentityModule } from '@pbw/identity';
import { ActionRepository, ActionUpdateRepository, ObjectiveRepository, WorkPlanRepository } from './workplans.repositories';
import {
  ActionResolver,
  ActionUpdateResolver,
  DashboardRowResolver,
  ObjectiveResolver,
  SubGroupWorkPlanResolver,
  WorkPlanResolver,
} from './workplans.resolver';
import { WorkPlansService } from './workplans.service';
import { WorkPlanCsvResolver } from './workplan-csv.resolver';
import { WorkPlanCsvService } from './workplan-csv.service';

const REPOSITORIES = [WorkPlanRepository, ObjectiveRepository, ActionRepository, ActionUpdateRepository];

@Module({
  imports: [AuditModule, IdentityModule, BoardsModule, FrameworksModule],
  providers: [
    ...REPOSITORIES,
    WorkPlansService,
    WorkPlanResolver,
    ObjectiveResolver,
    ActionResolver,
    ActionUpdateResolver,
    SubGroupWorkPlanResolver,
    DashboardRowResolver,
    WorkPlanCsvService,
    WorkPlanCsvResolver,
  ],
  exports: [...REPOSITORIES, WorkPlansService],
})
export class WorkPlansModule {}

import { Module } from '@nestjs/common';
import { AuditModule } from '@pbw/audit';
import { IdentityModule } from '@pbw/identity';
import { BoardRepository, SubGroupRepository } from './boards.repositories';
import { BoardResolver, MembershipResolver, SubGroupResolver, UserSubGroupsResolver } from './boards.resolver';
import { BoardsService } from './boards.service';

@Module({
  imports: [AuditModule, IdentityModule],
  providers: [
    BoardRepository,
    SubGroupRepository,
    BoardsService,
    BoardResolver,
    SubGroupResolver,
    MembershipResolver,
    UserSubGroupsResolver,
  ],
  exports: [BoardRepository, SubGroupRepository, BoardsService],
})
export class BoardsModule {}

import { AuditResolver } from '@pbw/audit';
import { BoardResolver, MembershipResolver, SubGroupResolver, UserSubGroupsResolver } from '@pbw/boards';
import { AgencyResolver, PartnershipResolver, SessionResolver, UserResolver } from '@pbw/identity';
import { FrameworkItemResolver, FrameworkResolver } from '@pbw/frameworks';
import {
  ActionResolver,
  ActionUpdateResolver,
  DashboardRowResolver,
  ObjectiveResolver,
  SubGroupWorkPlanResolver,
  WorkPlanCsvResolver,
  WorkPlanResolver,
} from '@pbw/workplans';
import { AgendaPapersResolver, AgendaResolver, MeetingRecordsResolver, MeetingResolver, PackReadinessResolver } from '@pbw/meetings';
import { ActionEvidenceResolver, CommentResolver, EvidenceResolver } from '@pbw/evidence';
import { HighlightReportResolver, MeetingReportsResolver, SubGroupReportStatusResolver } from '@pbw/reports';
import { SearchResolver } from '@pbw/search';
import { AgencyCommitmentSummaryResolver, CommitmentResolver, CommitmentUpdateResolver, LocalOfferResolver } from '@pbw/commitments';
import { PERFORMANCE_RESOLVERS } from '@pbw/performance';
import { VOICE_RESOLVERS } from '@pbw/voice';
import { PRINCIPLES_RESOLVERS } from '@pbw/principles';
import { NOTIFICATIONS_RESOLVERS } from '@pbw/notifications';
import { PACKS_RESOLVERS } from '@pbw/packs';

/**
 * Every GraphQL resolver, for generating schema.graphql without a database. A test checks
 * that the running api's schema equals the committed file, so a resolver missing here fails.
 */
export const RESOLVERS = [
  AuditResolver,
  BoardResolver,
  MembershipResolver,
  SubGroupResolver,
  UserSubGroupsResolver,
  AgencyResolver,
  PartnershipResolver,
  SessionResolver,
  UserResolver,
  FrameworkResolver,
  FrameworkItemResolver,
  WorkPlanResolver,
  ObjectiveResolver,
  ActionResolver,
  ActionUpdateResolver,
  SubGroupWorkPlanResolver,
  DashboardRowResolver,
  WorkPlanCsvResolver,
  MeetingResolver,
  AgendaResolver,
  MeetingRecordsResolver,
  PackReadinessResolver,
  AgendaPapersResolver,
  EvidenceResolver,
  CommentResolver,
  ActionEvidenceResolver,
  HighlightReportResolver,
  MeetingReportsResolver,
  SubGroupReportStatusResolver,
  SearchResolver,
  CommitmentResolver,
  CommitmentUpdateResolver,
  AgencyCommitmentSummaryResolver,
  LocalOfferResolver,
  ...PERFORMANCE_RESOLVERS,
  ...VOICE_RESOLVERS,
  ...PRINCIPLES_RESOLVERS,
  ...NOTIFICATIONS_RESOLVERS,
  ...PACKS_RESOLVERS,
];

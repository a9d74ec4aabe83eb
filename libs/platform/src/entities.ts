import { AuditEventEntity } from '@pbw/audit';
import { BOARDS_ENTITIES } from '@pbw/boards';
import { IDENTITY_ENTITIES } from '@pbw/identity';
import { FRAMEWORKS_ENTITIES } from '@pbw/frameworks';
import { WORKPLANS_ENTITIES } from '@pbw/workplans';
import { FILES_ENTITIES } from '@pbw/files';
import { MEETINGS_ENTITIES } from '@pbw/meetings';
import { EVIDENCE_ENTITIES } from '@pbw/evidence';
import { REPORTS_ENTITIES } from '@pbw/reports';
import { COMMITMENTS_ENTITIES } from '@pbw/commitments';
import { PERFORMANCE_ENTITIES } from '@pbw/performance';
import { VOICE_ENTITIES } from '@pbw/voice';
import { PRINCIPLES_ENTITIES } from '@pbw/principles';
import { NOTIFICATIONS_ENTITIES } from '@pbw/notifications';
import { PACKS_ENTITIES } from '@pbw/packs';

/** Every entity the apps map; tables themselves come only from migrations. */
export const ENTITIES = [
  ...IDENTITY_ENTITIES,
  ...BOARDS_ENTITIES,
  ...FRAMEWORKS_ENTITIES,
  ...WORKPLANS_ENTITIES,
  ...FILES_ENTITIES,
  ...MEETINGS_ENTITIES,
  ...EVIDENCE_ENTITIES,
  ...REPORTS_ENTITIES,
  ...COMMITMENTS_ENTITIES,
  ...PERFORMANCE_ENTITIES,
  ...VOICE_ENTITIES,
  ...PRINCIPLES_ENTITIES,
  ...NOTIFICATIONS_ENTITIES,
  ...PACKS_ENTITIES,
  AuditEventEntity,
];

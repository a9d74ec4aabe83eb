import { Identity1763800000000 } from './1763800000000-identity';
import { WorkPlans1763900000000 } from './1763900000000-work-plans';
import { Meetings1764000000000 } from './1764000000000-meetings';
import { Files1764100000000 } from './1764100000000-files';
import { EvidenceReportsSearch1764200000000 } from './1764200000000-evidence-reports-search';
import { Commitments1764300000000 } from './1764300000000-commitments';
import { Performance1764400000000 } from './1764400000000-performance';
import { Notifications1764500000000 } from './1764500000000-notifications';
import { ReminderRules1764600000000 } from './1764600000000-reminder-rules';
import { Agenda1764700000000 } from './1764700000000-agenda';
import { MeetingRecords1764800000000 } from './1764800000000-meeting-records';
import { AgendaPapers1764900000000 } from './1764900000000-agenda-papers';
import { BoardPacks1765000000000 } from './1765000000000-board-packs';
import { PackPublication1765100000000 } from './1765100000000-pack-publication';
import { AnnualUpdates1765200000000 } from './1765200000000-annual-updates';

/** In order. A new migration is appended here and nowhere else. */
export const MIGRATIONS = [
  Identity1763800000000,
  WorkPlans1763900000000,
  Meetings1764000000000,
  Files1764100000000,
  EvidenceReportsSearch1764200000000,
  Commitments1764300000000,
  Performance1764400000000,
  Notifications1764500000000,
  ReminderRules1764600000000,
  Agenda1764700000000,
  MeetingRecords1764800000000,
  AgendaPapers1764900000000,
  BoardPacks1765000000000,
  PackPublication1765100000000,
  AnnualUpdates1765200000000,
];

/** What the voice pages share: status words and tags. */
import type { VoiceStatus } from '../../gql/graphql';
import { Tag } from '../../components/lists';

export const VOICE_STATUS_LABELS: Record<VoiceStatus, string> = { OPEN: 'Open', RESPONDED: 'Responded', CLOSED: 'Closed' };

export function VoiceStatusTag({ status }: { status: VoiceStatus }) {
  return <Tag colour={status === 'OPEN' ? 'yellow' : status === 'RESPONDED' ? 'turquoise' : 'grey'}>{VOICE_STATUS_LABELS[status]}</Tag>;
}

/** Who it is with: a sub-group, an agency, or nobody yet. */
export function assignedTo(v: { assignedSubGroup?: { name: string } | null; assignedAgency?: { name: string } | null }): string {
  if (v.assignedSubGroup) return `${v.assignedSubGroup.name} sub-group`;
  if (v.assignedAgency) return v.assignedAgency.name;
  return 'Not assigned yet';
}

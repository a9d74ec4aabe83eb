/** DESIGN.md §2: a user's partnership-wide role. */
export enum PartnershipRole {
  SECRETARIAT = 'SECRETARIAT',
  BOARD_MEMBER = 'BOARD_MEMBER',
  MEMBER = 'MEMBER',
}

export enum SubGroupRole {
  CHAIR = 'CHAIR',
  MEMBER = 'MEMBER',
}

/**
 * Who is acting. Built from the database on every request (never trusted from the token
 * alone) so a deactivation or role change takes effect at once.
 */
export interface Actor {
  /** null for the system itself: the worker, the demo loader, migrations. */
  readonly userId: string | null;
  readonly partnershipId: string;
  readonly role: PartnershipRole | 'SYSTEM';
  readonly agencyId: string | null;
  readonly subGroups: ReadonlyMap<string, SubGroupRole>;
}

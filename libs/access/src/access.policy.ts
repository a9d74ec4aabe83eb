import { type Actor, PartnershipRole, SubGroupRole, forbidden } from '@pbw/core';

/**
 * DESIGN.md §3 in one place. Services ask it before every change; repositories apply the
 * read side (partnership scope and record visibility) in SQL. Record-level reads that
 * are denied answer NOT_FOUND from the repository, so they never reveal existence.
 */
export const AccessPolicy = {
  isSecretariat(actor: Actor): boolean {
    return actor.role === PartnershipRole.SECRETARIAT || actor.role === 'SYSTEM';
  },

  /** Partnership administration: partnership details, agencies, users, board, sub-groups. */
  canAdminister(actor: Actor): boolean {
    return AccessPolicy.isSecretariat(actor);
  },

  canReadAudit(actor: Actor): boolean {
    return AccessPolicy.isSecretariat(actor);
  },

  isChairOf(actor: Actor, subGroupId: string): boolean {
    return actor.subGroups.get(subGroupId) === SubGroupRole.CHAIR;
  },

  isMemberOf(actor: Actor, subGroupId: string): boolean {
    return actor.subGroups.has(subGroupId);
  },

  /** The chair (or the secretariat) edits a sub-group's work plan and reviews its evidence. */
  canLeadSubGroup(actor: Actor, subGroupId: string): boolean {
    return AccessPolicy.isSecretariat(actor) || AccessPolicy.isChairOf(actor, subGroupId);
  },

  /** The chair edits the whole work plan of their sub-group; the secretariat edits any. */
  canEditWorkPlan(actor: Actor, subGroupId: string): boolean {
    return AccessPolicy.canLeadSubGroup(actor, subGroupId);
  },

  /**
   * Progress on an action: whoever can edit the plan, the action's owner, and anyone in
   * the agency that leads it. (Visibility has already narrowed what they can reach.)
   */
  canUpdateAction(actor: Actor, action: { subGroupId: string; ownerUserId: string; leadAgencyId: string }): boolean {
    return (
      AccessPolicy.canEditWorkPlan(actor, action.subGroupId) ||
      (actor.userId !== null && action.ownerUserId === actor.userId) ||
      (actor.agencyId !== null && action.leadAgencyId === actor.agencyId)
    );
  },

  /** Comments on a sub-group's evidence and reports: its chair, board members and the secretariat. */
  canComment(actor: Actor, subGroupId: string): boolean {
    return AccessPolicy.isSecretariat(actor) || actor.role === PartnershipRole.BOARD_MEMBER || AccessPolicy.isChairOf(actor, subGroupId);
  },

  /**
   * An agenda item's paper. A public item's paper is for everyone in the partnership, as its
   * agenda is. An exempt item's (Schedule 12A) is for those who sit in the closed part of the
   * meeting, as the members' pack edition is: the secretariat and board members, and the
   * paper's author, who wrote it.
   */
  canReadAgendaPaper(actor: Actor, item: { exempt: boolean; authorUserId: string | null }): boolean {
    return (
      !item.exempt ||
      AccessPolicy.isSecretariat(actor) ||
      actor.role === PartnershipRole.BOARD_MEMBER ||
      (actor.userId !== null && item.authorUserId === actor.userId)
    );
  },

  /** Throws FORBIDDEN unless allowed: for records the actor can already see. */
  assert(allowed: boolean, message?: string): void {
    if (!allowed) throw forbidden(message);
  },

  assertAdminister(actor: Actor): void {
    AccessPolicy.assert(AccessPolicy.canAdminister(actor), 'Only the board secretariat can change the partnership set-up.');
  },
};

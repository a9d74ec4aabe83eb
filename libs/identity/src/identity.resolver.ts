import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Ctx, CurrentScope, type GqlContext, Public, clientAddress } from '@pbw/access';
import type { Scope } from '@pbw/db';
import { ID } from '@nestjs/graphql';
import { ParseUUIDPipe } from '@nestjs/common';
import { notFound } from '@pbw/core';
import {
  AgenciesArgs,
  AgencyConnection,
  AgencyType,
  ChangePasswordInput,
  CreateAgencyInput,
  InvitationResult,
  InviteUserInput,
  PartnershipType,
  PasswordResetIssued,
  RefreshSessionInput,
  RequestPasswordResetInput,
  Session,
  SetPasswordWithTokenInput,
  SignInInput,
  UpdateAgencyInput,
  UpdatePartnershipInput,
  UpdateUserInput,
  UserConnection,
  UserIdInput,
  UserType,
  UsersArgs,
} from './identity.dto';
import type { AgencyEntity, UserEntity } from './identity.entities';
import { AgencyRepository } from './identity.repositories';
import { IdentityService } from './identity.service';
import { AuthService } from './auth.service';

const uuid = new ParseUUIDPipe({ exceptionFactory: () => notFound('Record') });

@Resolver(() => PartnershipType)
export class PartnershipResolver {
  constructor(private readonly identity: IdentityService) {}

  @Query(() => PartnershipType, { description: "The signed-in user's partnership." })
  partnership(@CurrentScope() scope: Scope) {
    return this.identity.partnership(scope);
  }

  @Mutation(() => PartnershipType)
  updatePartnership(@CurrentScope() scope: Scope, @Args('input') input: UpdatePartnershipInput) {
    return this.identity.updatePartnership(scope, input);
  }
}

@Resolver(() => AgencyType)
export class AgencyResolver {
  constructor(private readonly identity: IdentityService) {}

  @Query(() => AgencyConnection)
  agencies(@CurrentScope() scope: Scope, @Args() args: AgenciesArgs) {
    return this.identity.listAgencies(scope, args);
  }

  @Query(() => AgencyType)
  agency(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.identity.agency(scope, id);
  }

  @Mutation(() => AgencyType)
  createAgency(@CurrentScope() scope: Scope, @Args('input') input: CreateAgencyInput) {
    return this.identity.createAgency(scope, input);
  }

  @Mutation(() => AgencyType)
  updateAgency(@CurrentScope() scope: Scope, @Args('input') input: UpdateAgencyInput) {
    return this.identity.updateAgency(scope, input);
  }
}

@Resolver(() => UserType)
export class UserResolver {
  constructor(
    private readonly identity: IdentityService,
    private readonly agencies: AgencyRepository,
  ) {}

  @Query(() => UserType, { description: 'The signed-in user.' })
  me(@CurrentScope() scope: Scope) {
    return this.identity.user(scope, scope.actor.userId ?? '');
  }

  @Query(() => UserConnection)
  users(@CurrentScope() scope: Scope, @Args() args: UsersArgs) {
    return this.identity.listUsers(scope, args);
  }

  @Query(() => UserType)
  user(@CurrentScope() scope: Scope, @Args('id', { type: () => ID }, uuid) id: string) {
    return this.identity.user(scope, id);
  }

  @ResolveField(() => AgencyType)
  agency(@Parent() user: UserEntity, @Ctx() ctx: GqlContext, @CurrentScope() scope: Scope) {
    return ctx.loaders
      .get<AgencyEntity | null>(
        'agencyById',
        async (ids) => new Map((await this.agencies.findByIds(scope, ids)).map((a) => [a.id, a])),
        null,
      )
      .load(user.agencyId);
  }

  @Mutation(() => InvitationResult, { description: 'Invites someone by email; the result holds the one-time link to send them.' })
  async inviteUser(@CurrentScope() scope: Scope, @Args('input') input: InviteUserInput): Promise<InvitationResult> {
    const i = await this.identity.inviteUser(scope, input);
    return { user: i.user, invitationToken: i.token, invitationUrl: i.url, expiresAt: i.expiresAt };
  }

  @Mutation(() => InvitationResult)
  async resendInvitation(@CurrentScope() scope: Scope, @Args('input') input: UserIdInput): Promise<InvitationResult> {
    const i = await this.identity.resendInvitation(scope, input.userId);
    return { user: i.user, invitationToken: i.token, invitationUrl: i.url, expiresAt: i.expiresAt };
  }

  @Mutation(() => PasswordResetIssued, { description: 'Issues a one-time password reset link for a user.' })
  async issuePasswordReset(@CurrentScope() scope: Scope, @Args('input') input: UserIdInput): Promise<PasswordResetIssued> {
    const i = await this.identity.issuePasswordReset(scope, input.userId);
    return { user: i.user, resetToken: i.token, resetUrl: i.url, expiresAt: i.expiresAt };
  }

  @Mutation(() => UserType)
  updateUser(@CurrentScope() scope: Scope, @Args('input') input: UpdateUserInput) {
    return this.identity.updateUser(scope, input);
  }

  @Mutation(() => UserType, { description: 'Users are deactivated, never deleted: their history stays.' })
  deactivateUser(@CurrentScope() scope: Scope, @Args('input') input: UserIdInput) {
    return this.identity.deactivateUser(scope, input.userId);
  }

  @Mutation(() => UserType)
  reactivateUser(@CurrentScope() scope: Scope, @Args('input') input: UserIdInput) {
    return this.identity.reactivateUser(scope, input.userId);
  }
}

@Resolver(() => Session)
export class SessionResolver {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Mutation(() => Session)
  signIn(@Ctx() ctx: GqlContext, @Args('input') input: SignInInput) {
    return this.auth.signIn(input, clientAddress(ctx.req), ctx.requestId);
  }

  @Public()
  @Mutation(() => Session, { description: 'Swaps a refresh token for a new session. Each refresh token works once.' })
  refreshSession(@Ctx() ctx: GqlContext, @Args('input') input: RefreshSessionInput) {
    return this.auth.refresh(input.refreshToken, ctx.requestId);
  }

  @Public()
  @Mutation(() => Boolean)
  signOut(@Ctx() ctx: GqlContext, @Args('input') input: RefreshSessionInput) {
    return this.auth.signOut(input.refreshToken, ctx.requestId);
  }

  @Public()
  @Mutation(() => Session, { description: 'Sets a password from an invitation link and signs in.' })
  acceptInvitation(@Ctx() ctx: GqlContext, @Args('input') input: SetPasswordWithTokenInput) {
    return this.auth.acceptInvitation(input, ctx.requestId);
  }

  @Public()
  @Mutation(() => Boolean, { description: 'Sends a reset link if the address has an account; always answers true.' })
  requestPasswordReset(@Ctx() ctx: GqlContext, @Args('input') input: RequestPasswordResetInput) {
    return this.auth.requestPasswordReset(input.email, ctx.requestId);
  }

  @Public()
  @Mutation(() => Session)
  resetPassword(@Ctx() ctx: GqlContext, @Args('input') input: SetPasswordWithTokenInput) {
    return this.auth.resetPassword(input, ctx.requestId);
  }

  @Mutation(() => Session, { description: 'Changes your password and signs out your other sessions.' })
  changePassword(@CurrentScope() scope: Scope, @Args('input') input: ChangePasswordInput) {
    return this.auth.changePassword(scope, input);
  }
}

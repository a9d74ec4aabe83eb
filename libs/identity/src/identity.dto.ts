import { ArgsType, Field, GraphQLISODateTime, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { IsEmail, IsEnum, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { Connection, NormaliseEmail, PageArgs, PartnershipRole, Trim } from '@pbw/core';
import { AgencySector, UserStatus } from './identity.entities';

registerEnumType(AgencySector, { name: 'AgencySector' });
registerEnumType(UserStatus, { name: 'UserStatus' });
registerEnumType(PartnershipRole, { name: 'PartnershipRole' });

@ObjectType('Partnership')
export class PartnershipType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => String) slug: string;
  @Field(() => String) localAuthority: string;
  @Field(() => String, { nullable: true }) description: string | null;
}

@ObjectType('Agency', { description: 'A partner organisation.' })
export class AgencyType {
  @Field(() => ID) id: string;
  @Field(() => String) name: string;
  @Field(() => AgencySector) sector: AgencySector;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id: string;
  @Field(() => String) email: string;
  @Field(() => String) name: string;
  @Field(() => String, { nullable: true }) jobTitle: string | null;
  @Field(() => PartnershipRole) role: PartnershipRole;
  @Field(() => UserStatus) status: UserStatus;
  @Field(() => ID) agencyId: string;
  @Field(() => GraphQLISODateTime, { nullable: true }) activatedAt: Date | null;
  @Field(() => GraphQLISODateTime, { nullable: true }) deactivatedAt: Date | null;
  @Field(() => GraphQLISODateTime) createdAt: Date;
}

@ObjectType()
export class AgencyConnection extends Connection(AgencyType, 'Agency') {}
@ObjectType()
export class UserConnection extends Connection(UserType, 'User') {}

// ---- inputs --------------------------------------------------------------------------

@InputType()
export class UpdatePartnershipInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the partnership name.' })
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the local authority.' })
  @MaxLength(200)
  localAuthority?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  description?: string;
}

@InputType()
export class CreateAgencyInput {
  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the agency name.' })
  @MaxLength(200)
  name: string;

  @Field(() => AgencySector)
  @IsEnum(AgencySector, { message: 'Choose a sector.' })
  sector: AgencySector;
}

@InputType()
export class UpdateAgencyInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'Agency id must be an id.' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter the agency name.' })
  @MaxLength(200)
  name?: string;

  @Field(() => AgencySector, { nullable: true })
  @IsOptional()
  @IsEnum(AgencySector, { message: 'Choose a sector.' })
  sector?: AgencySector;
}

@InputType()
export class AgencyFilter {
  @Field(() => AgencySector, { nullable: true })
  @IsOptional()
  @IsEnum(AgencySector, { message: 'Choose a sector.' })
  sector?: AgencySector;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class AgenciesArgs extends PageArgs {
  @Field(() => AgencyFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AgencyFilter)
  filter?: AgencyFilter;
}

@InputType()
export class UserFilter {
  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Agency must be an id.' })
  agencyId?: string;

  @Field(() => PartnershipRole, { nullable: true })
  @IsOptional()
  @IsEnum(PartnershipRole, { message: 'Choose a role.' })
  role?: PartnershipRole;

  @Field(() => UserStatus, { nullable: true })
  @IsOptional()
  @IsEnum(UserStatus, { message: 'Choose a status.' })
  status?: UserStatus;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  search?: string;
}

@ArgsType()
export class UsersArgs extends PageArgs {
  @Field(() => UserFilter, { nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => UserFilter)
  filter?: UserFilter;
}

@InputType()
export class InviteUserInput {
  @Field(() => String)
  @NormaliseEmail()
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.org.' })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter their full name.' })
  @MaxLength(200)
  name: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @Field(() => ID)
  @IsUUID('all', { message: 'Choose an agency.' })
  agencyId: string;

  @Field(() => PartnershipRole)
  @IsEnum(PartnershipRole, { message: 'Choose a role.' })
  role: PartnershipRole;
}

@InputType()
export class UpdateUserInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'User id must be an id.' })
  id: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @IsNotEmpty({ message: 'Enter their full name.' })
  @MaxLength(200)
  name?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  jobTitle?: string;

  @Field(() => ID, { nullable: true })
  @IsOptional()
  @IsUUID('all', { message: 'Choose an agency.' })
  agencyId?: string;

  @Field(() => PartnershipRole, { nullable: true })
  @IsOptional()
  @IsEnum(PartnershipRole, { message: 'Choose a role.' })
  role?: PartnershipRole;
}

@InputType()
export class UserIdInput {
  @Field(() => ID)
  @IsUUID('all', { message: 'User id must be an id.' })
  userId: string;
}

@ObjectType({ description: 'The invited user, and the one-time link the secretariat sends them until email is set up.' })
export class InvitationResult {
  @Field(() => UserType) user: UserType;
  @Field(() => String, { description: 'One-time invitation token; shown once.' }) invitationToken: string;
  @Field(() => String) invitationUrl: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
}

@ObjectType()
export class PasswordResetIssued {
  @Field(() => UserType) user: UserType;
  @Field(() => String, { description: 'One-time reset token; shown once.' }) resetToken: string;
  @Field(() => String) resetUrl: string;
  @Field(() => GraphQLISODateTime) expiresAt: Date;
}

// ---- sessions ------------------------------------------------------------------------

@InputType()
export class SignInInput {
  @Field(() => String)
  @NormaliseEmail()
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.org.' })
  @MaxLength(254)
  email: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'Enter your password.' })
  @MaxLength(256)
  password: string;

  @Field(() => String, { nullable: true, description: 'Only needed when one email belongs to accounts in more than one partnership.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  partnershipSlug?: string;
}

@ObjectType()
export class Session {
  @Field(() => String) accessToken: string;
  @Field(() => GraphQLISODateTime) accessTokenExpiresAt: Date;
  @Field(() => String, { description: 'Single use: each refresh returns a new one.' }) refreshToken: string;
  @Field(() => GraphQLISODateTime) refreshTokenExpiresAt: Date;
  @Field(() => UserType) user: UserType;
}

@InputType()
export class RefreshSessionInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'Refresh token is missing.' })
  @MaxLength(200)
  refreshToken: string;
}

@InputType()
export class SetPasswordWithTokenInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'The link is missing its token.' })
  @MaxLength(200)
  token: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'Enter a password.' })
  @MaxLength(256)
  password: string;
}

@InputType()
export class RequestPasswordResetInput {
  @Field(() => String)
  @NormaliseEmail()
  @IsEmail({}, { message: 'Enter an email address in the correct format, like name@example.org.' })
  @MaxLength(254)
  email: string;
}

@InputType()
export class ChangePasswordInput {
  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'Enter your current password.' })
  @MaxLength(256)
  currentPassword: string;

  @Field(() => String)
  @IsString()
  @IsNotEmpty({ message: 'Enter a new password.' })
  @MaxLength(256)
  newPassword: string;
}

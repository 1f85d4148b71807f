/**
 * What Scalekit holds, as plain objects: the importer, verify and rollback compare these with
 * the package and never touch protobuf messages directly.
 */
export type MembershipStatusName = 'ACTIVE' | 'INACTIVE' | 'PENDING_INVITE' | 'INVITE_EXPIRED' | 'UNSPECIFIED';

export interface RemoteRole {
  id: string;
  name: string;
  displayName: string;
  description: string;
  permissions: string[];
}

export interface RemoteOrganization {
  id: string;
  externalId?: string;
  displayName: string;
  metadata: Record<string, string>;
}

export interface RemoteMembership {
  organizationId: string;
  roles: string[];
  status: MembershipStatusName;
  /** An invitation was sent for this membership (inviter recorded or status pending/expired). */
  invited: boolean;
  metadata: Record<string, string>;
}

export interface RemoteUser {
  id: string;
  externalId?: string;
  email: string;
  givenName: string;
  familyName: string;
  emailVerified: boolean;
  metadata: Record<string, string>;
  memberships: RemoteMembership[];
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
}

export interface RoleInput {
  name: string;
  displayName: string;
  description?: string;
  permissions?: string[];
}

export interface OrganizationInput {
  displayName: string;
  externalId: string;
  metadata?: Record<string, string>;
}

export interface UserInput {
  email: string;
  externalId: string;
  givenName?: string;
  familyName?: string;
  metadata?: Record<string, string>;
}

export interface MembershipInput {
  roles: string[];
  metadata: Record<string, string>;
}

export interface RemoteDomain {
  id: string;
  name: string;
  organizationId: string;
  /** VerificationStatus name: PENDING, VERIFIED, FAILED, AUTO_VERIFIED. */
  status: string;
}

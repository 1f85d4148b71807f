/** The emulator's in-memory records. Times are epoch milliseconds. */

export type MembershipStatusName = 'ACTIVE' | 'INACTIVE' | 'PENDING_INVITE' | 'INVITE_EXPIRED';

export interface OrganizationRecord {
  id: string;
  externalId?: string;
  displayName: string;
  metadata: Record<string, string>;
  slug?: string;
  logoUrl?: string;
  createTime: number;
  updateTime: number;
}

export interface ProfileRecord {
  givenName: string;
  familyName: string;
  name: string;
  locale: string;
  phoneNumber: string;
  preferredUsername: string;
  picture: string;
  gender: string;
  customAttributes: Record<string, string>;
}

export interface MembershipRecord {
  organizationId: string;
  userId: string;
  roles: string[];
  status: MembershipStatusName;
  metadata: Record<string, string>;
  inviterEmail?: string;
  createdAt: number;
  acceptedAt?: number;
  expiresAt?: number;
}

export interface UserRecord {
  id: string;
  email: string;
  externalId?: string;
  emailVerified: boolean;
  profile: ProfileRecord;
  metadata: Record<string, string>;
  createTime: number;
  updateTime: number;
  lastLoginTime?: number;
  /** By organization id, in the order they were created. */
  memberships: Map<string, MembershipRecord>;
}

export interface RoleRecord {
  id: string;
  name: string;
  displayName: string;
  description: string;
  permissions: string[];
  extends?: string;
  defaultCreator: boolean;
  defaultMember: boolean;
  createTime: number;
}

export interface PermissionRecord {
  id: string;
  name: string;
  description: string;
  createTime: number;
}

export interface InvitationRecord {
  organizationId: string;
  userId: string;
  email: string;
  sentAt: number;
  resentCount: number;
}

export interface ConnectionRecord {
  id: string;
  organizationId: string;
  /** ConnectionProvider enum name, e.g. OKTA, GOOGLE, MICROSOFT_AD, CUSTOM. */
  provider: string;
  /** ConnectionType enum name: OIDC, SAML, PASSWORD, OAUTH, PASSWORDLESS. */
  type: string;
  /** ConnectionStatus enum name: DRAFT, IN_PROGRESS, COMPLETED. */
  status: string;
  enabled: boolean;
  domains: string[];
  createdAt: number;
}

export interface DirectoryRecord {
  id: string;
  organizationId: string;
  name: string;
  /** DirectoryType enum name: SCIM, LDAP, POLL. */
  directoryType: string;
  /** DirectoryProvider enum name: OKTA, GOOGLE, MICROSOFT_AD, AUTH0, ONELOGIN, JUMPCLOUD, PING_IDENTITY. */
  directoryProvider: string;
  enabled: boolean;
  status: string;
  totalUsers: number;
  totalGroups: number;
  lastSyncedAt?: number;
}

/** The environment's OAuth client (the one the SDK authenticates as): where Scalekit may send the browser. */
export interface ClientRecord {
  id: string;
  name: string;
  /** Allowed callback URLs of the authorization code flow (the API's `post_login_uris`, at most 5). */
  postLoginUris: string[];
  postLogoutRedirectUris: string[];
  backChannelLogoutUris: string[];
  initiateLoginUri: string;
  createTime: number;
  updateTime: number;
}

/** An organization domain. Created unverified; verification needs the TXT record published in DNS. */
export interface DomainRecord {
  id: string;
  organizationId: string;
  domain: string;
  /** DomainType enum name: ORGANIZATION_DOMAIN or ALLOWED_EMAIL_DOMAIN. */
  domainType: string;
  /** VerificationStatus enum name: PENDING, VERIFIED, FAILED. */
  verificationStatus: string;
  txtRecordKey: string;
  txtRecordSecret: string;
  createTime: number;
  updateTime: number;
}

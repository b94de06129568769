import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { communes } from '../communes/communesSchema.js';
import { familyAdults } from '../families/familiesSchema.js';

const communeId = () =>
  uuid('commune_id')
    .notNull()
    .references(() => communes.id, { onDelete: 'cascade' });
const at = (name: string) => timestamp(name, { withTimezone: true });

/** A family's account on a commune's portal. Usernames and e-mails are unique per commune, whatever their case. */
export const citizens = pgTable(
  'citizens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    /** As typed; `usernameKey` is the lower-cased form the uniqueness and the login use. */
    username: text('username').notNull(),
    usernameKey: text('username_key').notNull(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    civility: text('civility').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    street: text('street').notNull(),
    streetComplement: text('street_complement').notNull().default(''),
    postcode: text('postcode').notNull(),
    city: text('city').notNull(),
    mobilePhone: text('mobile_phone').notNull().default(''),
    homePhone: text('home_phone').notNull().default(''),
    passwordHash: text('password_hash').notNull(),
    /** « pending » until the activation link is followed; only « active » accounts log in. */
    status: text('status').notNull().default('pending'),
    termsAcceptedAt: at('terms_accepted_at').notNull(),
    activatedAt: at('activated_at'),
    lastLoginAt: at('last_login_at'),
    /** The login before the current one: what « Dernière connexion » shows. */
    previousLoginAt: at('previous_login_at'),
    /** Wrong Clé Enfance tries in the last 24 h (SECURITY.md: limited per account). */
    keyFailures: jsonb('key_failures')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('citizens_username_unique').on(t.communeId, t.usernameKey),
    uniqueIndex('citizens_email_unique').on(t.communeId, t.emailKey),
  ],
);

/** An agent of the guichet unique, with a role in one commune. */
export const agents = pgTable(
  'agents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    email: text('email').notNull(),
    emailKey: text('email_key').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    /** « administrateur », « agent » or « animateur ». */
    role: text('role').notNull(),
    /** Null until the agent has chosen a password from the invitation link. */
    passwordHash: text('password_hash'),
    /** Base32 TOTP secret; null until enrolment is confirmed with a first code. */
    totpSecret: text('totp_secret'),
    /** The secret shown by the QR code during enrolment, until a first code confirms it. */
    pendingTotpSecret: text('pending_totp_secret'),
    /** The last TOTP time step accepted: a code is never accepted twice. */
    totpLastStep: integer('totp_last_step'),
    disabledAt: at('disabled_at'),
    lastLoginAt: at('last_login_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('agents_email_unique').on(t.communeId, t.emailKey)],
);

/** Single-use codes an agent keeps on paper, for the day the phone is lost. Stored hashed. */
export const agentRecoveryCodes = pgTable(
  'agent_recovery_codes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    agentId: uuid('agent_id')
      .notNull()
      .references(() => agents.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: at('used_at'),
  },
  (t) => [index('agent_recovery_codes_agent').on(t.agentId)],
);

/**
 * Links sent by e-mail: activation (48 h), password reset (1 h), new e-mail address, agent
 * invitation. Only the hash of the token is kept; `usedAt` makes each single use.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    /** « citizen » or « agent ». */
    realm: text('realm').notNull(),
    subjectId: uuid('subject_id').notNull(),
    purpose: text('purpose').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    /** For an e-mail change: the address that takes effect once this link is followed. */
    newEmail: text('new_email'),
    expiresAt: at('expires_at').notNull(),
    usedAt: at('used_at'),
    createdAt: at('created_at').notNull().defaultNow(),
  },
  (t) => [index('account_tokens_subject').on(t.subjectId, t.purpose)],
);

/**
 * Wrong-password counters (SECURITY.md, CNIL): one row per account, or per unknown login name, so that
 * an unknown account is delayed exactly as a known one would be and nothing tells them apart.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    communeId: communeId(),
    /** `citizen:<id>` or `agent:<id>` (an account), `citizen-name:<hash>` or `agent-name:<hash>` (a name typed), `agent-totp:<id>`. */
    subject: text('subject').notNull(),
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    failures: jsonb('failures')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    lockedUntil: at('locked_until'),
  },
  (t) => [uniqueIndex('login_throttles_subject').on(t.communeId, t.subject)],
);

/**
 * The « Clé Enfance » the town hall gives a responsible adult of a family file. Only its hash is
 * kept: the agent sees the key once, when issuing it. Using it links a citizen's account to the adult.
 */
export const childKeys = pgTable(
  'child_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    communeId: communeId(),
    adultId: uuid('adult_id')
      .notNull()
      .references(() => familyAdults.id, { onDelete: 'cascade' }),
    keyHash: text('key_hash').notNull().unique(),
    issuedByAgentId: uuid('issued_by_agent_id').references(() => agents.id, { onDelete: 'set null' }),
    issuedAt: at('issued_at').notNull().defaultNow(),
    revokedAt: at('revoked_at'),
    usedAt: at('used_at'),
    usedByCitizenId: uuid('used_by_citizen_id').references(() => citizens.id, { onDelete: 'set null' }),
  },
  (t) => [index('child_keys_adult').on(t.adultId)],
);

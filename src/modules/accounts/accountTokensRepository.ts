import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { accountTokens } from './accountsSchema.js';
import { hashToken, newToken } from './domain/secretTokens.js';

export type TokenPurpose = 'activation' | 'reset' | 'email-change' | 'agent-invitation';
export type AccountToken = typeof accountTokens.$inferSelect;

/** SECURITY.md: 48 h to activate an account, 1 h to reset a password. */
export const TOKEN_LIFETIME_MS: Record<TokenPurpose, number> = {
  activation: 48 * 3600_000,
  reset: 3600_000,
  'email-change': 24 * 3600_000,
  'agent-invitation': 72 * 3600_000,
};

/** When a link issued now stops working: the mail that carries it is not sent after that (Mailer). */
export function tokenExpiry(purpose: TokenPurpose, now: Date): Date {
  return new Date(now.getTime() + TOKEN_LIFETIME_MS[purpose]);
}

/** Links sent by e-mail: the token goes in the link, its hash in the table, and it works once. */
export class AccountTokensRepository {
  constructor(private readonly db: Db) {}

  /**
   * A new link. Older links of the same purpose keep working until they expire or one is used:
   * nobody can spoil a family's link by asking for another one in their name.
   */
  async issue(
    input: {
      communeId: string;
      realm: 'citizen' | 'agent';
      subjectId: string;
      purpose: TokenPurpose;
      now: Date;
      newEmail?: string;
    },
    tx: Db = this.db,
  ): Promise<string> {
    const token = newToken();
    await tx.insert(accountTokens).values({
      communeId: input.communeId,
      realm: input.realm,
      subjectId: input.subjectId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      newEmail: input.newEmail ?? null,
      expiresAt: tokenExpiry(input.purpose, input.now),
    });
    return token;
  }

  /**
   * Ends every unused link of an account: after a reset or a password change, a link asked for by
   * someone who knew the old password (a new e-mail address, say) must not work any more.
   */
  async revokeAll(subjectId: string, now: Date, tx: Db = this.db): Promise<void> {
    await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(and(eq(accountTokens.subjectId, subjectId), isNull(accountTokens.usedAt)));
  }

  /** The link's record if it still works, without using it: for the page that asks to confirm. */
  async peek(communeId: string, token: string, purpose: TokenPurpose, now: Date): Promise<AccountToken | null> {
    const [row] = await this.db
      .select()
      .from(accountTokens)
      .where(this.live(communeId, token, purpose, now));
    return row ?? null;
  }

  /** Uses the link: exactly one of two simultaneous uses gets the record. */
  async consume(
    communeId: string,
    token: string,
    purpose: TokenPurpose,
    now: Date,
    tx: Db = this.db,
  ): Promise<AccountToken | null> {
    const [row] = await tx
      .update(accountTokens)
      .set({ usedAt: now })
      .where(this.live(communeId, token, purpose, now))
      .returning();
    return row ?? null;
  }

  private live(communeId: string, token: string, purpose: TokenPurpose, now: Date) {
    return and(
      eq(accountTokens.tokenHash, hashToken(token)),
      eq(accountTokens.communeId, communeId),
      eq(accountTokens.purpose, purpose),
      isNull(accountTokens.usedAt),
      gt(accountTokens.expiresAt, now),
    );
  }
}

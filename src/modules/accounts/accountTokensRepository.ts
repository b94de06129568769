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

/** Links sent by e-mail: the token goes in the link, its hash in the table, and it works once. */
export class AccountTokensRepository {
  constructor(private readonly db: Db) {}

  /** A new link; the older unused links of the same purpose stop working (only the last mail counts). */
  async issue(
    input: { communeId: string; realm: 'citizen' | 'agent'; subjectId: string; purpose: TokenPurpose; now: Date; newEmail?: string },
    tx: Db = this.db,
  ): Promise<string> {
    await tx
      .update(accountTokens)
      .set({ usedAt: input.now })
      .where(and(eq(accountTokens.subjectId, input.subjectId), eq(accountTokens.purpose, input.purpose), isNull(accountTokens.usedAt)));
    const token = newToken();
    await tx.insert(accountTokens).values({
      communeId: input.communeId,
      realm: input.realm,
      subjectId: input.subjectId,
      purpose: input.purpose,
      tokenHash: hashToken(token),
      newEmail: input.newEmail ?? null,
      expiresAt: new Date(input.now.getTime() + TOKEN_LIFETIME_MS[input.purpose]),
    });
    return token;
  }

  /** The link's record if it still works, without using it: for the page that asks to confirm. */
  async peek(communeId: string, token: string, purpose: TokenPurpose, now: Date): Promise<AccountToken | null> {
    const [row] = await this.db.select().from(accountTokens).where(this.live(communeId, token, purpose, now));
    return row ?? null;
  }

  /** Uses the link: exactly one of two simultaneous uses gets the record. */
  async consume(communeId: string, token: string, purpose: TokenPurpose, now: Date, tx: Db = this.db): Promise<AccountToken | null> {
    const [row] = await tx.update(accountTokens).set({ usedAt: now }).where(this.live(communeId, token, purpose, now)).returning();
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

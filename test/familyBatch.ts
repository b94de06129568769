import { citizens } from '../src/modules/accounts/accountsSchema.js';
import { families, familyAdults, familyMembers } from '../src/modules/families/familiesSchema.js';
import { enrolments } from '../src/modules/services/servicesSchema.js';
import type { Db } from '../src/platform/db/database.js';

/** One family of a batch: its file, its représentante's account and its child. */
export interface BatchFamily {
  familyId: string;
  reference: string;
  accountId: string;
  username: string;
  memberId: string;
}

/** Rows per statement: PostgreSQL takes at most 65,535 parameters in one, an account has sixteen. */
const ROWS_PER_STATEMENT = 500;

/**
 * Many families of one commune written in a few statements, as the rushes and the rentrée need them
 * before their clock starts: for each key, a file `<LABEL>-<key>`, a représentante with an active
 * account `<label>.<key>` (the same stored hash for all), and a child born on `birthDate` holding an
 * inscription to each of `serviceIds` for the school year.
 */
export async function insertFamilies(
  db: Db,
  batch: {
    communeId: string;
    label: string;
    keys: string[];
    passwordHash: string;
    now: Date;
    birthDate: string;
    serviceIds: string[];
    schoolYearId: string;
  },
): Promise<BatchFamily[]> {
  const written: BatchFamily[] = [];
  for (let from = 0; from < batch.keys.length; from += ROWS_PER_STATEMENT) {
    written.push(...(await insertSome(db, batch, batch.keys.slice(from, from + ROWS_PER_STATEMENT))));
  }
  return written;
}

async function insertSome(db: Db, batch: Parameters<typeof insertFamilies>[1], keys: string[]): Promise<BatchFamily[]> {
  const { communeId, label, now } = batch;
  const lastName = (key: string) => `${label[0]!.toUpperCase()}${label.slice(1)}${key}`;
  const files = await db
    .insert(families)
    .values(keys.map((key) => ({ communeId, reference: `${label.toUpperCase()}-${key}` })))
    .returning({ id: families.id, reference: families.reference });
  const accounts = await db
    .insert(citizens)
    .values(
      keys.map((key) => ({
        communeId,
        username: `${label}.${key}`,
        usernameKey: `${label}.${key}`,
        email: `${label}.${key}@example.org`,
        emailKey: `${label}.${key}@example.org`,
        civility: 'madame',
        firstName: 'Camille',
        lastName: lastName(key),
        street: '2 rue des Chariots',
        postcode: '78570',
        city: 'Chanteloup-les-Vignes',
        passwordHash: batch.passwordHash,
        status: 'active',
        termsAcceptedAt: now,
        activatedAt: now,
      })),
    )
    .returning({ id: citizens.id, username: citizens.username });
  await db.insert(familyAdults).values(
    files.map((file, n) => ({
      communeId,
      familyId: file.id,
      role: 'representant',
      civility: 'madame',
      firstName: 'Camille',
      lastName: lastName(keys[n]!),
      citizenId: accounts[n]!.id,
    })),
  );
  const children = await db
    .insert(familyMembers)
    .values(
      files.map((file, n) => ({
        communeId,
        familyId: file.id,
        firstName: 'Enfant',
        lastName: lastName(keys[n]!),
        birthDate: batch.birthDate,
      })),
    )
    .returning({ id: familyMembers.id, familyId: familyMembers.familyId });
  await db.insert(enrolments).values(
    children.flatMap((child) =>
      batch.serviceIds.map((serviceId) => ({
        communeId,
        familyId: child.familyId,
        memberId: child.id,
        serviceId,
        schoolYearId: batch.schoolYearId,
        createdAt: now,
      })),
    ),
  );
  return files.map((file, n) => ({
    familyId: file.id,
    reference: file.reference,
    accountId: accounts[n]!.id,
    username: accounts[n]!.username,
    memberId: children[n]!.id,
  }));
}

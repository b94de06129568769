import { eq } from 'drizzle-orm';
import type { Mode } from '../../config.js';
import { StartupError } from '../../shared/errors.js';
import { deployment } from './deploymentSchema.js';
import type { Database, Db } from './database.js';

export class DeploymentModeError extends StartupError {}

/**
 * Brings a database to the current schema and checks that it is used in the mode it was made for:
 * demo data never appears outside demo mode, and a production database is never seeded with it.
 * Without a chosen mode (PARVIS_MODE unset), an existing database keeps the mode it was made in.
 * On a new database, `seed` runs in the same transaction that records the mode (all or nothing);
 * when instances start together, only the one that records the mode seeds.
 */
export async function prepareDatabase(
  database: Database,
  mode: Mode,
  seed: (tx: Db) => Promise<void>,
  options: { modeChosen?: boolean } = {},
): Promise<{ seeded: boolean; mode: Mode }> {
  const modeChosen = options.modeChosen ?? true;
  await database.migrate();
  return database.db.transaction(async (tx) => {
    const inserted = await tx.insert(deployment).values({ id: 1, mode }).onConflictDoNothing().returning();
    if (inserted.length > 0) {
      if (mode === 'demo') await seed(tx as unknown as Db);
      return { seeded: mode === 'demo', mode };
    }
    const [existing] = await tx.select().from(deployment).where(eq(deployment.id, 1));
    const recorded = (existing?.mode ?? mode) as Mode;
    // Demo is only the default for a new database: an existing one keeps its mode unless one is chosen.
    if (!modeChosen) return { seeded: false, mode: recorded };
    if (recorded !== mode) {
      throw new DeploymentModeError(
        recorded === 'demo'
          ? 'This database holds the demo: start it with PARVIS_MODE=demo, or point DATABASE_URL / DATA_DIR to another database for production.'
          : 'This database is a production database: demo mode may not run on it. Use another DATA_DIR or DATABASE_URL for the demo.',
      );
    }
    return { seeded: false, mode };
  });
}

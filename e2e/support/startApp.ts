/**
 * The browser tests' app: the demo database, with the family files of e2eFamilies.ts added in the
 * same transaction as the demo seed, then the app started exactly as `npm start` does (src/main.ts,
 * which finds the database already made in demo mode and seeds nothing more).
 */
import { eq } from 'drizzle-orm';
import { loadConfig } from '../../src/config.js';
import { chanteloup } from '../../src/demo/demoCommunes.js';
import { seedDemo } from '../../src/demo/seedDemo.js';
import { communes } from '../../src/modules/communes/communesSchema.js';
import { FamiliesRepository } from '../../src/modules/families/familiesRepository.js';
import { systemClock } from '../../src/platform/clock.js';
import type { Db } from '../../src/platform/db/database.js';
import { openDatabase } from '../../src/platform/db/openDatabase.js';
import { prepareDatabase } from '../../src/platform/db/prepareDatabase.js';
import { e2eFamilies } from './e2eFamilies.js';

async function seedE2eFamilies(db: Db): Promise<void> {
  const families = new FamiliesRepository(db);
  const [commune] = await db.select().from(communes).where(eq(communes.slug, chanteloup.commune.slug));
  if (!commune) throw new Error(`The demo commune ${chanteloup.commune.slug} is missing after the demo seed.`);
  for (const { reference, adult, members } of e2eFamilies) {
    const family = await families.insertFamily(commune.id, reference, db);
    await families.insertAdult({ communeId: commune.id, familyId: family.id, role: 'representant', ...adult }, db);
    for (const member of members) await families.insertMember({ communeId: commune.id, familyId: family.id, ...member }, db);
  }
}

const config = loadConfig();
if (config.mode !== 'demo') throw new Error('The browser tests run the app in demo mode (PARVIS_MODE=demo).');
const database = await openDatabase(config.database);
await prepareDatabase(database, 'demo', async (tx) => {
  await seedDemo(tx, systemClock);
  await seedE2eFamilies(tx);
});
await database.close();

await import('../../src/main.js');

import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { CommunesRepository } from '../modules/communes/communesRepository.js';
import { CommunesService } from '../modules/communes/communesService.js';
import { localDayOf } from '../shared/localDays.js';
import { belrive, chanteloup } from './demoCommunes.js';
import { seedDemoBilling } from './seedDemoBilling.js';
import { seedDemoFamilies } from './seedDemoFamilies.js';
import { seedDemoOnlinePayment } from './seedDemoOnlinePayment.js';
import { seedDemoDemarches } from './seedDemoDemarches.js';
import { seedDemoServices } from './seedDemoServices.js';
import { seedDemoDocumentTypes } from './seedDemoDocumentTypes.js';

/** The demo of PRODUCT.md: seeded once, on a new database, in demo mode only. */
export async function seedDemo(db: Db, clock: Clock): Promise<void> {
  const communes = new CommunesService(new CommunesRepository(db), clock);
  const today = localDayOf(clock.now());
  const chanteloupCommune = await communes.addCommune(chanteloup.commune, chanteloup.texts(today));
  const belriveCommune = await communes.addCommune(belrive.commune, belrive.texts(today));
  await seedDemoFamilies(db, clock, chanteloupCommune);
  // After the families: Rémi DUPONT's inscriptions need his file.
  await seedDemoServices(db, clock, [chanteloupCommune, belriveCommune]);
  // After the services: Rémi's days are billed at the grids of his canteen and evening care.
  await seedDemoBilling(db, clock, chanteloupCommune);
  await seedDemoOnlinePayment(db, chanteloupCommune);
  await seedDemoDocumentTypes(db, clock, [chanteloupCommune, belriveCommune]);
  await seedDemoDemarches(db, clock, [chanteloupCommune, belriveCommune]);
}

export const demoCommuneSlugs = [chanteloup.commune.slug, belrive.commune.slug];

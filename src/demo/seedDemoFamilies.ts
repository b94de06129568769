import { eq } from 'drizzle-orm';
import type { Clock } from '../platform/clock.js';
import type { Db } from '../platform/db/database.js';
import { agents, childKeys } from '../modules/accounts/accountsSchema.js';
import { CitizensRepository } from '../modules/accounts/citizensRepository.js';
import { hashChildKey, newChildKey } from '../modules/accounts/domain/childKey.js';
import { hashPassword } from '../modules/accounts/passwordHasher.js';
import type { Commune } from '../modules/communes/domain/commune.js';
import { FamiliesRepository } from '../modules/families/familiesRepository.js';
import { families as familiesTable, memberContacts } from '../modules/families/familiesSchema.js';
import { NewsRepository } from '../modules/news/newsRepository.js';
import { localDayOf } from '../shared/localDays.js';
import { holidayNews } from './demoNews.js';
import { demoLogins } from './demoPeople.js';

const DAY = 24 * 3600_000;

const chanteloupAddress = (street: string) => ({ street, postcode: '78570', city: 'Chanteloup-les-Vignes' });

/** Chanteloup's families, agent and messages: the DUPONT family with an account, the MARTIN family with a printed key. */
export async function seedDemoFamilies(db: Db, clock: Clock, commune: Commune): Promise<void> {
  const families = new FamiliesRepository(db);
  const now = clock.now();

  const dupont = await families.insertFamily(commune.id, 'F-2026-0001', db);
  // Made on the demo's clock, as everything the demo shows, not on the wall clock the column defaults to.
  const fileCreatedAt = new Date(now.getTime() - 400 * DAY);
  await db
    .update(familiesTable)
    .set({ ...chanteloupAddress('2 Rue des Chariots'), createdAt: fileCreatedAt })
    .where(eq(familiesTable.id, dupont.id));
  const aurelie = await new CitizensRepository(db).insert({
    communeId: commune.id,
    username: demoLogins.citizen.username,
    email: demoLogins.citizen.email,
    civility: 'madame',
    firstName: 'Aurélie',
    lastName: 'Dupont',
    street: '2 Rue des Chariots',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    mobilePhone: '06 12 34 56 78',
    passwordHash: await hashPassword(demoLogins.citizen.password),
    status: 'active',
    termsAcceptedAt: new Date(now.getTime() - 400 * DAY),
    activatedAt: new Date(now.getTime() - 400 * DAY),
    // « Dernière connexion » has something to show from the first demo login on.
    lastLoginAt: new Date(now.getTime() - 6 * DAY),
  });
  const aurelieAdult = await families.insertAdult({
    communeId: commune.id,
    familyId: dupont.id,
    role: 'representant',
    civility: 'madame',
    firstName: 'Aurélie',
    lastName: 'Dupont',
    email: demoLogins.citizen.email,
    phone: '06 12 34 56 78',
    preferredContact: 'email',
    citizenId: aurelie!.id,
  });
  await families.insertAdult({
    communeId: commune.id,
    familyId: dupont.id,
    role: 'co-representant',
    civility: 'monsieur',
    firstName: 'Xavier',
    lastName: 'Dupont',
    email: 'xavier.dupont@example.org',
    phone: '06 98 76 54 32',
    preferredContact: 'sms',
  });
  const remi = await families.insertMember({
    communeId: commune.id,
    familyId: dupont.id,
    firstName: 'Rémi',
    lastName: 'Dupont',
    birthDate: '2018-05-14',
    sex: 'M',
    schoolName: 'École élémentaire des Vignes',
    schoolClass: 'CE2',
    photoConsent: true,
  });
  await db.insert(memberContacts).values([
    {
      communeId: commune.id,
      familyId: dupont.id,
      memberId: remi.id,
      kind: 'pickup',
      name: 'Jeanne DUPONT',
      phone: '06 45 67 89 01',
      relation: 'grand-mère',
      position: 0,
    },
    {
      communeId: commune.id,
      familyId: dupont.id,
      memberId: remi.id,
      kind: 'emergency',
      name: 'Jeanne DUPONT',
      phone: '06 45 67 89 01',
      relation: 'grand-mère',
      position: 0,
    },
  ]);
  // Aurélie's key was used when she linked her account: kept as the record of that link.
  await db.insert(childKeys).values({
    communeId: commune.id,
    adultId: aurelieAdult.id,
    keyHash: hashChildKey(newChildKey()),
    issuedAt: new Date(now.getTime() - 400 * DAY),
    usedAt: new Date(now.getTime() - 400 * DAY),
    usedByCitizenId: aurelie!.id,
  });

  const martin = await families.insertFamily(commune.id, 'F-2026-0002', db);
  await db
    .update(familiesTable)
    .set({ ...chanteloupAddress('14 Rue de Pontoise'), createdAt: fileCreatedAt })
    .where(eq(familiesTable.id, martin.id));
  const sophie = await families.insertAdult({
    communeId: commune.id,
    familyId: martin.id,
    role: 'representant',
    civility: 'madame',
    firstName: 'Sophie',
    lastName: 'Martin',
  });
  await families.insertMember({
    communeId: commune.id,
    familyId: martin.id,
    firstName: 'Léa',
    lastName: 'Martin',
    birthDate: '2017-09-02',
  });
  await families.insertMember({
    communeId: commune.id,
    familyId: martin.id,
    firstName: 'Hugo',
    lastName: 'Martin',
    birthDate: '2020-01-20',
  });
  await db.insert(childKeys).values({
    communeId: commune.id,
    adultId: sophie.id,
    keyHash: hashChildKey(demoLogins.secondFamilyKey),
    issuedAt: now,
  });

  await db.insert(agents).values({
    communeId: commune.id,
    email: demoLogins.agent.email,
    emailKey: demoLogins.agent.email.toLowerCase(),
    firstName: 'Camille',
    lastName: 'Bernard',
    role: 'administrateur',
    passwordHash: await hashPassword(demoLogins.agent.password),
    totpSecret: demoLogins.agent.totpSecret,
  });
  await db.insert(agents).values({
    communeId: commune.id,
    email: demoLogins.animateur.email,
    emailKey: demoLogins.animateur.email.toLowerCase(),
    firstName: 'Yacine',
    lastName: 'Morel',
    role: 'animateur',
    passwordHash: await hashPassword(demoLogins.animateur.password),
    totpSecret: demoLogins.animateur.totpSecret,
  });

  const news = new NewsRepository(db);
  await news.insert({
    communeId: commune.id,
    title: 'Bienvenue sur votre espace privé',
    summary:
      'Votre espace citoyens vous permet de réserver la restauration scolaire, les accueils et les activités, de suivre vos demandes et de payer vos factures.',
    body: [
      'Bienvenue sur votre espace privé. Depuis cet espace, vous pouvez tenir à jour votre dossier famille, inscrire vos enfants aux activités, réserver la restauration scolaire et les accueils, signaler une absence et suivre vos demandes.',
      "Pensez à relier votre espace à votre dossier famille avec la Clé Enfance remise par le guichet unique : c'est elle qui ouvre les démarches pour vos enfants.",
      "Le guichet unique de l'Espace Victor Hugo reste à votre disposition pour toute question.",
    ],
    publishedAt: new Date(now.getTime() - 30 * DAY),
  });
  await news.insert({
    communeId: commune.id,
    // Dated on the demo's day, never a deadline already past.
    ...holidayNews(localDayOf(now)),
    publishedAt: new Date(now.getTime() - 2 * DAY),
  });
}

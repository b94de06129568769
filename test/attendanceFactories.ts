import { bookDay, bookSession, reportAbsence, setChildFile } from './bookingFactories.js';
import { createFamily } from './agentFactories.js';
import { createCommune } from './factories.js';
import { deskAgent } from './requestFactories.js';
import { createSession, enrol, setUpServices } from './serviceFactories.js';
import type { TestApp } from './testApp.js';

/**
 * What the day lists' and the pointage's route tests share: a commune on Tuesday 17 November 2026 at noon
 * (or `now`, a day of the same school year), where Rémi (PAI, allergies, booked late) and Lina (reported
 * ill, justified) are expected at the canteen, Rémi at the evening too and at a December session; Noah is
 * enrolled in the canteen and the Wednesday centre but booked nowhere.
 */
export async function canteenDay(t: TestApp, now = '2026-11-17T12:00:00+01:00') {
  t.clock.set(now);
  const commune = await createCommune(t.container.communes);
  const { services, schoolYear } = await setUpServices(t.container, commune);
  const remi = await createFamily(t.container, commune, 'Dupont');
  const lina = await createFamily(t.container, commune, 'Martin');
  const noah = await createFamily(t.container, commune, 'Petit');
  await setChildFile(t.container, remi.child.id, {
    schoolName: 'École Victor Hugo',
    schoolClass: 'CE2',
    diet: 'sans-porc',
    pai: true,
    allergies: 'Arachide et fruits à coque',
  });
  await setChildFile(t.container, lina.child.id, {
    firstName: 'Lina',
    schoolName: 'École Jules Ferry',
    schoolClass: 'CP',
  });
  await setChildFile(t.container, noah.child.id, {
    firstName: 'Noah',
    schoolName: 'École Jules Ferry',
    schoolClass: 'CM1',
  });
  const of = (file: typeof remi) => ({ familyId: file.family.id, memberId: file.child.id });
  /** An accepted inscription of the child to the service for 2026-2027. */
  const enrolIn = (file: typeof remi, serviceId: string) =>
    enrol(t.container, commune, { ...of(file), serviceId, schoolYearId: schoolYear.id });
  for (const serviceId of [services.restauration.id, services.soir.id]) await enrolIn(remi, serviceId);
  await enrolIn(lina, services.restauration.id);
  for (const serviceId of [services.restauration.id, services.mercredi.id]) await enrolIn(noah, serviceId);
  await bookDay(t.container, commune, of(remi), {
    serviceId: services.restauration.id,
    day: '2026-11-17',
    late: true,
    majorationRule: '+50 %',
    majorationCents: 178,
  });
  await bookDay(t.container, commune, of(lina), { serviceId: services.restauration.id, day: '2026-11-17' });
  await bookDay(t.container, commune, of(remi), {
    serviceId: services.soir.id,
    day: '2026-11-17',
    unitPriceCents: 290,
  });
  await reportAbsence(t.container, commune, of(lina), {
    firstDay: '2026-11-16',
    lastDay: '2026-11-18',
    serviceIds: [services.restauration.id],
    reason: 'maladie',
    justified: true,
  });
  const session = await createSession(t.container, commune, services.vacances.id, {
    name: 'Stage multisport',
    startsOn: '2026-12-21',
    endsOn: '2026-12-24',
  });
  await bookSession(t.container, commune, of(remi), { sessionId: session.id, status: 'inscrit' });
  const agent = await deskAgent(t, commune);
  const animateur = await deskAgent(t, commune, { role: 'animateur' });
  return { commune, services, schoolYear, remi, lina, noah, agent, animateur, of, enrolIn };
}

export const listsPath = (slug: string, query: Record<string, string> = {}) =>
  `/${slug}/guichet/listes?${new URLSearchParams(query)}`;
export const sheetPath = (slug: string, query: Record<string, string> = {}) =>
  `/${slug}/guichet/pointage?${new URLSearchParams(query)}`;
export const addPath = (slug: string, query: Record<string, string> = {}) =>
  `/${slug}/guichet/pointage/ajouter${Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ''}`;

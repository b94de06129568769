import { asc, eq } from 'drizzle-orm';
import { bookings } from '../src/modules/bookings/bookingsSchema.js';
import type { Commune } from '../src/modules/communes/domain/commune.js';
import type { services } from '../src/modules/services/servicesSchema.js';
import type { ServiceKind } from '../src/modules/services/domain/catalogueService.js';
import { communePaths } from '../src/platform/views/paths.js';
import type { WebClient, WebPage } from './browserSession.js';
import { createCommune } from './factories.js';
import { textOf } from './html.js';
import { linkedParent } from './familyFactories.js';
import { enrol, setUpServices, type TestServices } from './serviceFactories.js';
import type { TestApp } from './testApp.js';

/**
 * The reservation pages' test data and the forms as a browser sends them: a child enrolled to some
 * services, the calendar's fields (ticked boxes and chosen units), the summary's confirmation.
 */

export type ServiceOverrides = Partial<Record<ServiceKind, Partial<typeof services.$inferInsert>>>;

/** A commune with the standard services, a logged-in family whose child is enrolled to `kinds` for 2026-2027. */
export async function enrolledChild(
  t: TestApp,
  kinds: ServiceKind[] = ['restauration', 'soir', 'mercredi'],
  overrides: ServiceOverrides = {},
) {
  const commune = await createCommune(t.container.communes);
  const set = await setUpServices(t.container, commune, overrides);
  const family = await linkedParent(t, commune);
  await enrolAll(t, commune, set, family, kinds);
  return { commune, set, family, paths: communePaths(commune), child: family.child };
}

/** Another family of the same commune, its child enrolled too. */
export async function anotherFamily(
  t: TestApp,
  commune: Commune,
  set: TestServices,
  kinds: ServiceKind[] = ['restauration'],
) {
  const family = await linkedParent(t, commune);
  await enrolAll(t, commune, set, family, kinds);
  return family;
}

async function enrolAll(
  t: TestApp,
  commune: Commune,
  set: TestServices,
  family: { family: { id: string }; child: { id: string } },
  kinds: ServiceKind[],
) {
  for (const kind of kinds) {
    await enrol(t.container, commune, {
      familyId: family.family.id,
      memberId: family.child.id,
      serviceId: set.services[kind].id,
      schoolYearId: set.schoolYear.id,
    });
  }
}

const attribute = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? null;
const decode = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

/** The fields the form posting to `action` sends as it stands: hidden fields, ticked boxes, chosen options. */
export function formFields(html: string, action: string): Record<string, string> {
  const form = new RegExp(
    `<form[^>]*action="${action.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</form>`,
  ).exec(html)?.[1];
  if (form === undefined) throw new Error(`no form posting to ${action}`);
  const fields: Record<string, string> = {};
  for (const [tag] of form.matchAll(/<input[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const type = attribute(tag, 'type');
    if (!name || name === '_csrf') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked(?=[\s>/])/.test(tag)) continue;
    fields[name] = decode(attribute(tag, 'value') ?? '');
  }
  for (const [, open, body] of form.matchAll(/<select([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attribute(open!, 'name');
    if (!name) continue;
    const options = [...body!.matchAll(/<option([^>]*)>/g)].map((m) => m[1]!);
    const chosen = options.find((option) => /\sselected(?=[\s>/]|$)/.test(option)) ?? options[0] ?? '';
    fields[name] = decode(attribute(chosen, 'value') ?? '');
  }
  return fields;
}

/** The name of a calendar cell's control. */
export const cell = (day: string, serviceId: string) => `r:${day}:${serviceId}`;

/**
 * Opens the month, changes cells as a parent would (a unit's code ticks or chooses, null unticks),
 * and asks for the summary.
 */
export async function askSummary(
  client: WebClient,
  paths: ReturnType<typeof communePaths>,
  memberId: string,
  month: string,
  changes: Record<string, string | null>,
): Promise<WebPage> {
  const page = await client.get(paths.memberReservations(memberId, month));
  if (page.status !== 200) throw new Error(`the calendar answered ${page.status}`);
  const fields = formFields(page.html, paths.reservationsSummary(memberId));
  for (const [name, unit] of Object.entries(changes)) {
    if (!fields.cellules!.split(' ').includes(name.slice(2)))
      throw new Error(`${name} is not editable on the calendar`);
    if (unit === null) delete fields[name];
    else fields[name] = unit;
  }
  return client.post(paths.reservationsSummary(memberId), fields);
}

/** « Confirmer » on the summary page last received. */
export function confirmFrom(
  client: WebClient,
  summary: WebPage,
  paths: ReturnType<typeof communePaths>,
  memberId: string,
): Promise<WebPage> {
  return client.post(
    paths.confirmReservations(memberId),
    formFields(summary.html, paths.confirmReservations(memberId)),
  );
}

/**
 * Every booking row of a member, live or cancelled, in day order. Rows booked at the same instant of the
 * test clock come cancelled first (a live row has no cancellation time, and nulls sort last).
 */
export function bookingRows(t: TestApp, memberId: string) {
  return t.container.database.db
    .select()
    .from(bookings)
    .where(eq(bookings.memberId, memberId))
    .orderBy(asc(bookings.day), asc(bookings.bookedAt), asc(bookings.cancelledAt), asc(bookings.id));
}

/**
 * A day of the month calendar (« mardi 17 »), as a screen reader reads it: its services with their
 * state, deadline and price, without the marks shown beside the words.
 */
export function calendarDay(html: string, day: string): string {
  const item = new RegExp(`<h3 class="day__name">${day}</h3>([\\s\\S]*?)</li>\\s*(?=<li class="day |</ol>)`).exec(html);
  let shown = item?.[1] ?? '';
  // Marks first, then the service's name shown beside the control, whose label says it again.
  for (let pass = 0; pass < 2; pass += 1) shown = shown.replace(/<span[^>]*aria-hidden="true"[^>]*>[^<]*<\/span>/g, '');
  return textOf(shown);
}

import { z } from 'zod';
import { type Parsed, formValues, parseForm } from '../../../../platform/http/forms.js';
import { isUuid } from '../../../../shared/ids.js';
import { isLocalDay, isLocalMonth, type LocalDay, type LocalMonth } from '../../../../shared/localDays.js';
import { parseTypedDay } from '../../../../shared/typedDay.js';
import type { WantedCell } from '../../domain/bookingPlan.js';

/**
 * The reservation forms. The calendar and the summary carry the cells as hidden fields the server
 * wrote; the semaine type has fields the parent types. Nothing here decides what may be booked: the
 * service plans every cell again, so a forged cell is refused there, not trusted here.
 */

/** A month of the calendar has at most 31 × a few services; a semaine type covers at most a school year. */
const MAX_CALENDAR_CELLS = 400;
const MAX_WANTED_CELLS = 3000;
const UNIT = /^[a-z0-9-]{1,40}$/;

/** The name of a cell's control in the calendar: `r:2026-11-17:<service id>`. */
export const cellField = (day: LocalDay, serviceId: string) => `r:${day}:${serviceId}`;
/** The name of a weekday × service control of the semaine type: `j2:<service id>`. */
export const patternField = (weekday: number, serviceId: string) => `j${weekday}:${serviceId}`;

/** One cell written `day:serviceId`, or null when it is not one. */
function cellOf(text: string): { day: LocalDay; serviceId: string } | null {
  const day = text.slice(0, 10);
  const serviceId = text.slice(11);
  return text[10] === ':' && isLocalDay(day) && isUuid(serviceId) ? { day, serviceId } : null;
}

const incomplete = 'Le formulaire est incomplet ou a été modifié : rechargez le calendrier et recommencez.';
export const calendarLabels = { calendrier: 'Calendrier des réservations' };

/**
 * The calendar's form: the editable cells it showed (`cellules`), and for each one its box or list
 * (a unit's code; unticked or « Pas de réservation » is no booking).
 */
export function parseCalendarForm(body: unknown): Parsed<{ month: LocalMonth | null; wanted: WantedCell[] }> {
  const values = formValues(body);
  const listed = (values.cellules ?? '').trim().split(/\s+/).filter(Boolean);
  const cells = listed.map(cellOf);
  const units = listed.map((text) => values[`r:${text}`] ?? '');
  const month = values.mois ?? '';
  if (
    listed.length > MAX_CALENDAR_CELLS ||
    cells.some((cell) => cell === null) ||
    units.some((unit) => unit !== '' && !UNIT.test(unit)) ||
    (month !== '' && !isLocalMonth(month))
  ) {
    return { ok: false, errors: { calendrier: incomplete }, values: {} };
  }
  return {
    ok: true,
    data: {
      month: month === '' ? null : month,
      wanted: cells.map((cell, index) => ({ ...cell!, unit: units[index] || null })),
    },
  };
}

/** The wanted cells as the summary's confirmation form carries them: `day:serviceId:unit` (`-` for none). */
export function encodeWanted(wanted: readonly WantedCell[]): string {
  return wanted.map((cell) => `${cell.day}:${cell.serviceId}:${cell.unit ?? '-'}`).join(' ');
}

/** The confirmation's form: the wanted cells, the month to go back to, and the plan the parent saw. */
export function parseConfirmForm(
  body: unknown,
): Parsed<{ month: LocalMonth | null; wanted: WantedCell[]; seen: string }> {
  const values = formValues(body);
  const listed = (values.voulu ?? '').trim().split(/\s+/).filter(Boolean);
  const wanted: WantedCell[] = [];
  for (const text of listed) {
    const cell = cellOf(text.slice(0, 47));
    const unit = text.slice(48);
    if (!cell || text[47] !== ':' || !(unit === '-' || UNIT.test(unit)))
      return { ok: false, errors: { calendrier: incomplete }, values: {} };
    wanted.push({ ...cell, unit: unit === '-' ? null : unit });
  }
  const month = values.mois ?? '';
  const seen = values.apercu ?? '';
  if (
    wanted.length === 0 ||
    wanted.length > MAX_WANTED_CELLS ||
    !/^[A-Za-z0-9_-]{1,64}$/.test(seen) ||
    (month !== '' && !isLocalMonth(month))
  ) {
    return { ok: false, errors: { calendrier: incomplete }, values: {} };
  }
  return { ok: true, data: { month: month === '' ? null : month, wanted, seen } };
}

const dayField = (missing: string) =>
  z.string({ error: missing }).transform((text, context): LocalDay => {
    const day = parseTypedDay(text);
    if (day === null) context.addIssue({ code: 'custom', message: missing });
    return day ?? z.NEVER;
  });

export const weekPatternLabels = { du: 'Du', au: 'Au', semaine: 'Jours et services à réserver' };

/** The pattern's grid, offered per service: the units of each (the first one for a box). */
export interface PatternOffer {
  serviceId: string;
  weekdays: number[];
  units: string[];
}

/**
 * The semaine type: a period (JJ/MM/AAAA, from today on) and, per weekday and service, the unit to
 * book. Only the services offered are read; a field for any other is ignored.
 */
export function parseWeekPatternForm(
  body: unknown,
  offers: readonly PatternOffer[],
  today: LocalDay,
): Parsed<{ from: LocalDay; to: LocalDay; pattern: Map<number, Map<string, string>> }> {
  const values = formValues(body);
  const period = parseForm(
    z
      .object({
        du: dayField('Indiquez la date de début au format JJ/MM/AAAA, par exemple 16/11/2026.').refine(
          (day) => day >= today,
          'La date de début est passée : choisissez aujourd’hui ou une date à venir.',
        ),
        au: dayField('Indiquez la date de fin au format JJ/MM/AAAA, par exemple 18/12/2026.'),
      })
      .refine((form) => form.au >= form.du, {
        path: ['au'],
        message: 'La date de fin doit être le jour de début ou après.',
      }),
    body,
  );
  const pattern = new Map<number, Map<string, string>>();
  for (const offer of offers) {
    for (const weekday of offer.weekdays) {
      const unit = values[patternField(weekday, offer.serviceId)] ?? '';
      if (unit === '' || !offer.units.includes(unit)) continue;
      if (!pattern.has(weekday)) pattern.set(weekday, new Map());
      pattern.get(weekday)!.set(offer.serviceId, unit);
    }
  }
  const errors = period.ok ? {} : { ...period.errors };
  if (pattern.size === 0) errors.semaine = 'Cochez au moins un jour de la semaine pour un service.';
  if (!period.ok || pattern.size === 0) return { ok: false, errors, values };
  return { ok: true, data: { from: period.data.du, to: period.data.au, pattern } };
}

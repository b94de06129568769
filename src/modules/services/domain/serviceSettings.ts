/**
 * What the commune may set for its school years, days off, services and holiday sessions: the checks
 * the administrator's forms pass before anything is written, and the rules read back in French.
 * Each problem is keyed by the setting it is about, so that the form shows it beside that field.
 *
 * The bounds are there to catch a slip of the keyboard (365 days instead of 15, 500 % instead of
 * 50 %), not to impose a policy: every number of PRODUCT.md's table stays the commune's to choose.
 */
import {
  FIRST_CALENDAR_DAY,
  LAST_CALENDAR_DAY,
  addDays,
  daysBetween,
  isLocalDay,
  type LocalDay,
} from '../../../shared/localDays.js';
import { formatEuros } from '../../../shared/money.js';
import type { MajorationRule } from './majoration.js';
import { type PublicHoliday, frenchPublicHolidays } from './publicHolidays.js';
import type { CalendarFacts } from './schoolCalendar.js';

/** Problems by setting: the French sentence that says what to change. Empty when all is well. */
export type Problems = Record<string, string>;

export const WEEKDAY_NAMES = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

export const MAX_DAYS_BEFORE = 365;
/** 100 %: a late day never costs more than twice its price. */
export const MAX_MAJORATION_BASIS_POINTS = 10_000;
export const MAX_MAJORATION_CENTS = 10_000;
export const MAX_UNIT_PRICE_CENTS = 100_000;
export const MAX_SESSION_PRICE_CENTS = 200_000;
export const MAX_PLACES = 10_000;
export const MAX_DOCUMENTS = 10;
export const MAX_DOCUMENT_LENGTH = 120;
/** A school year runs from September to early July: more than a calendar year is a typing slip. */
export const MAX_SCHOOL_YEAR_DAYS = 366;
/** The summer holidays, the longest days off, are about nine weeks. */
export const MAX_PERIOD_DAYS = 120;
export const MAX_SESSION_DAYS = 60;
export const MAX_AGE = 25;
/**
 * The dates the calendar and the sessions take: a commune sets up the years around now, and a year
 * typed 1500 or 2206 is a slip. Both ends included.
 */
export const FIRST_SETTINGS_DAY = FIRST_CALENDAR_DAY;
export const LAST_SETTINGS_DAY = LAST_CALENDAR_DAY;
const OUT_OF_RANGE = 'Indiquez une date entre 2000 et 2100, par exemple 01/09/2026 : vérifiez l’année.';

const inSettingsRange = (day: LocalDay) => isLocalDay(day) && day >= FIRST_SETTINGS_DAY && day <= LAST_SETTINGS_DAY;

/** Sets the range's problem on each date outside 2000–2100; true when both are inside it, and the rest can be checked. */
function datesInRange(problems: Problems, dates: Record<string, LocalDay>): boolean {
  for (const [field, day] of Object.entries(dates)) if (!inSettingsRange(day)) problems[field] = OUT_OF_RANGE;
  return Object.keys(dates).every((field) => !problems[field]);
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** 'HH:MM' or 'HH:MM:SS' on a 24-hour clock. */
export function isClockTime(value: string): boolean {
  return TIME.test(value);
}

/** The time as the columns keep it, 'HH:MM:SS': a time typed to the minute means its first second. */
export function storedTime(value: string): string {
  const match = TIME.exec(value);
  if (!match) throw new RangeError(`not a time: ${value}`);
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}`;
}

/** The time as a form shows it back: to the minute when it falls on one, else to the second, so that saving unchanged keeps it. */
export function timeInput(stored: string): string {
  const [hours, minutes, seconds = '00'] = stored.split(':');
  return seconds === '00' ? `${hours}:${minutes}` : `${hours}:${minutes}:${seconds}`;
}

/**
 * The time as a sentence reads it: to the minute. « 23:59:59 », the last second of the day that the
 * deadlines use by default, reads « 23:59 », as everyone says it.
 */
export function readableTime(stored: string): string {
  const [hours, minutes, seconds = '00'] = stored.split(':');
  return seconds === '00' || seconds === '59' ? `${hours}:${minutes}` : `${hours}:${minutes}:${seconds}`;
}

function secondsOf(time: string): number {
  const [hours = 0, minutes = 0, seconds = 0] = time.split(':').map(Number);
  return hours * 3600 + minutes * 60 + seconds;
}

/** How long before the start of day D an instant « N days before at T » is: the larger, the earlier. */
function secondsBeforeDay(daysBefore: number, time: string): number {
  return daysBefore * 86_400 - secondsOf(time);
}

export interface SettingsUnit {
  code: string;
  label: string;
  priceCents: number;
}

/** A service's settings as the administrator sets them (times as 'HH:MM:SS'). */
export interface ServiceSettings {
  name: string;
  description: string;
  openWeekdays: number[];
  schoolPeriodsOnly: boolean;
  deadlineDaysBefore: number;
  deadlineTime: string;
  cutoffDaysBefore: number;
  cutoffTime: string;
  rentreeWindow: boolean;
  majoration: MajorationRule;
  illnessReportTime: string;
  requiredDocuments: string[];
  placesPerDay: number | null;
  units: SettingsUnit[];
  active: boolean;
}

/** The form's field for a unit's label or price: units are edited by their code, which bookings keep. */
export const unitField = (code: string, part: 'label' | 'price') => `unit-${code}-${part}`;

const isWhole = (value: number, min: number, max: number) => Number.isInteger(value) && value >= min && value <= max;

/** What is wrong with a service's settings; empty when they can be saved. */
export function serviceSettingsProblems(settings: ServiceSettings): Problems {
  const problems: Problems = {};
  if (settings.name.trim() === '') problems.name = 'Indiquez le nom du service, tel que les familles le liront.';
  const weekdays = settings.openWeekdays;
  if (weekdays.length === 0) problems.openWeekdays = 'Cochez au moins un jour d’ouverture.';
  else if (!weekdays.every((day) => isWhole(day, 1, 7)) || new Set(weekdays).size !== weekdays.length) {
    problems.openWeekdays = 'Cochez les jours d’ouverture parmi les jours de la semaine, chacun une fois.';
  }
  const days = (field: 'deadlineDaysBefore' | 'cutoffDaysBefore', what: string) => {
    if (!isWhole(settings[field], 0, MAX_DAYS_BEFORE))
      problems[field] = `Le ${what} se compte en jours entiers, de 0 (le jour même) à ${MAX_DAYS_BEFORE}.`;
  };
  days('deadlineDaysBefore', 'délai de réservation');
  days('cutoffDaysBefore', 'délai de fermeture');
  for (const field of ['deadlineTime', 'cutoffTime', 'illnessReportTime'] as const) {
    if (!isClockTime(settings[field])) problems[field] = 'Indiquez une heure au format HH:MM, par exemple 10:00.';
  }
  if (!problems.deadlineDaysBefore && !problems.cutoffDaysBefore && !problems.deadlineTime && !problems.cutoffTime) {
    // The hard cut-off closes what the deadline made late: it cannot come before the deadline itself.
    if (
      secondsBeforeDay(settings.cutoffDaysBefore, settings.cutoffTime) >
      secondsBeforeDay(settings.deadlineDaysBefore, settings.deadlineTime)
    ) {
      problems.cutoffDaysBefore =
        'La fermeture définitive tombe avant la date limite de réservation : elle doit venir après la date limite (moins de jours avant le jour réservé), ou en même temps.';
    }
  }
  const majoration = settings.majoration;
  if (majoration.kind === 'percent' && !isWhole(majoration.basisPoints, 0, MAX_MAJORATION_BASIS_POINTS)) {
    problems.majorationValue = 'La majoration en pourcentage va de 0 à 100 %, par exemple 50.';
  }
  if (majoration.kind === 'fixed' && !isWhole(majoration.cents, 0, MAX_MAJORATION_CENTS)) {
    problems.majorationValue = `La majoration en euros va de 0 à ${formatEuros(MAX_MAJORATION_CENTS)} par unité, par exemple 1,50.`;
  }
  const documents = settings.requiredDocuments;
  if (documents.length > MAX_DOCUMENTS)
    problems.requiredDocuments = `Indiquez au plus ${MAX_DOCUMENTS} pièces justificatives.`;
  else if (documents.some((document) => document.trim() === '' || document.length > MAX_DOCUMENT_LENGTH)) {
    problems.requiredDocuments = `Indiquez une pièce par ligne, de ${MAX_DOCUMENT_LENGTH} caractères au plus.`;
  } else if (new Set(documents.map((document) => document.toLocaleLowerCase('fr-FR'))).size !== documents.length) {
    problems.requiredDocuments = 'Une pièce justificative est écrite deux fois : gardez-la une seule fois.';
  }
  if (settings.placesPerDay !== null && !isWhole(settings.placesPerDay, 1, MAX_PLACES)) {
    problems.placesPerDay = `Indiquez un nombre de places de 1 à ${MAX_PLACES}, ou laissez vide s’il n’y a pas de limite.`;
  }
  if (settings.units.length === 0) problems.units = 'Le service doit garder au moins une formule.';
  if (new Set(settings.units.map((unit) => unit.code)).size !== settings.units.length)
    problems.units = 'Chaque formule doit avoir son propre code.';
  for (const unit of settings.units) {
    if (unit.label.trim() === '')
      problems[unitField(unit.code, 'label')] = 'Indiquez le libellé de la formule, tel que les familles le liront.';
    if (!isWhole(unit.priceCents, 0, MAX_UNIT_PRICE_CENTS))
      problems[unitField(unit.code, 'price')] = `Le prix va de 0 à ${formatEuros(MAX_UNIT_PRICE_CENTS)}.`;
  }
  return problems;
}

function daysBeforeWords(days: number): string {
  if (days === 0) return 'le jour même';
  if (days === 1) return 'la veille';
  return `${days} jours avant`;
}

/** The majoration as a sentence says it: « majoration de 50 % », « majoration de 1,50 € par unité ». */
export function majorationWords(rule: MajorationRule): string {
  if (rule.kind === 'percent') {
    if (rule.basisPoints === 0) return 'sans majoration';
    return `majoration de ${new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 2 }).format(rule.basisPoints / 100)} %`;
  }
  return rule.cents === 0 ? 'sans majoration' : `majoration de ${formatEuros(rule.cents)} par unité`;
}

/**
 * The booking rule in one sentence, as shown beside the form: « modifiable jusqu'à 15 jours avant,
 * 23:59 ; après : majoration de 50 % ; fermé la veille à 10:00 ».
 */
export function describeServiceRule(
  settings: Pick<
    ServiceSettings,
    'deadlineDaysBefore' | 'deadlineTime' | 'cutoffDaysBefore' | 'cutoffTime' | 'rentreeWindow' | 'majoration'
  >,
): string {
  const deadline =
    settings.deadlineDaysBefore === 0
      ? `modifiable jusqu’au jour même, ${readableTime(settings.deadlineTime)}`
      : `modifiable jusqu’à ${daysBeforeWords(settings.deadlineDaysBefore)}, ${readableTime(settings.deadlineTime)}`;
  const parts = [deadline];
  if (settings.rentreeWindow) parts.push('sans délai pendant la fenêtre de rentrée');
  const sameInstant =
    secondsBeforeDay(settings.cutoffDaysBefore, settings.cutoffTime) ===
    secondsBeforeDay(settings.deadlineDaysBefore, settings.deadlineTime);
  if (!sameInstant) parts.push(`après : ${majorationWords(settings.majoration)}`);
  parts.push(`fermé ${daysBeforeWords(settings.cutoffDaysBefore)} à ${readableTime(settings.cutoffTime)}`);
  return parts.join(' ; ');
}

/** The open days in words: « lundi, mardi, jeudi, vendredi, hors vacances scolaires ». */
export function describeOpening(settings: Pick<ServiceSettings, 'openWeekdays' | 'schoolPeriodsOnly'>): string {
  const days = [...settings.openWeekdays].sort((a, b) => a - b).map((day) => WEEKDAY_NAMES[day - 1] ?? String(day));
  return `${days.join(', ')}${settings.schoolPeriodsOnly ? ', hors vacances scolaires' : ', vacances scolaires comprises'}`;
}

/** A school year as the administrator sets it. */
export interface SchoolYearSettings {
  label: string;
  startsOn: LocalDay;
  endsOn: LocalDay;
  rentreeWindowEndsOn: LocalDay;
}

/** The rentrée window ends on 30 September of the year's start (PRODUCT.md), or on the first day when the year starts later. */
export function defaultRentreeWindowEnd(startsOn: LocalDay): LocalDay {
  const september = `${startsOn.slice(0, 4)}-09-30`;
  return september < startsOn ? startsOn : september;
}

/** The days from `first` to `last`, both included, counted without listing them. */
function spanDays(first: LocalDay, last: LocalDay): number {
  return daysBetween(first, last) + 1;
}

/**
 * What is wrong with a school year: the end after the start, the rentrée window inside the year, no
 * day shared with another year of the commune (a day belongs to one year, whose rules it follows).
 */
export function schoolYearProblems(
  year: SchoolYearSettings,
  others: (SchoolYearSettings & { id?: string })[] = [],
): Problems {
  const problems: Problems = {};
  if (year.label.trim() === '') problems.label = 'Indiquez le nom de l’année scolaire, par exemple 2026-2027.';
  else if (
    others.some(
      (other) => other.label.trim().toLocaleLowerCase('fr-FR') === year.label.trim().toLocaleLowerCase('fr-FR'),
    )
  ) {
    problems.label = `L’année scolaire « ${year.label.trim()} » existe déjà : choisissez un autre nom, ou modifiez celle-ci.`;
  }
  const datesValid = datesInRange(problems, { startsOn: year.startsOn, endsOn: year.endsOn });
  if (datesValid && year.endsOn <= year.startsOn)
    problems.endsOn = 'Le dernier jour doit venir après le premier jour de l’année scolaire.';
  else if (datesValid && spanDays(year.startsOn, year.endsOn) > MAX_SCHOOL_YEAR_DAYS) {
    problems.endsOn = 'Une année scolaire dure moins d’un an : vérifiez l’année du dernier jour.';
  }
  if (
    datesValid &&
    isLocalDay(year.rentreeWindowEndsOn) &&
    !problems.endsOn &&
    (year.rentreeWindowEndsOn < year.startsOn || year.rentreeWindowEndsOn > year.endsOn)
  ) {
    problems.rentreeWindowEndsOn =
      'La fenêtre de rentrée se termine pendant l’année scolaire, entre son premier et son dernier jour.';
  }
  if (datesValid && !problems.endsOn) {
    const overlapping = others.find((other) => other.startsOn <= year.endsOn && year.startsOn <= other.endsOn);
    if (overlapping)
      problems.startsOn = `Ces dates chevauchent l’année scolaire « ${overlapping.label} » : un jour n’appartient qu’à une année.`;
  }
  return problems;
}

/** A day off as the administrator sets it: school holidays or a closure, both ends included. */
export interface PeriodSettings {
  kind: 'vacances' | 'fermeture';
  label: string;
  startsOn: LocalDay;
  endsOn: LocalDay;
}

export function periodProblems(period: PeriodSettings): Problems {
  const problems: Problems = {};
  if (period.label.trim() === '') problems.label = 'Indiquez le nom de la période, par exemple « Vacances de Noël ».';
  if (datesInRange(problems, { startsOn: period.startsOn, endsOn: period.endsOn })) {
    if (period.endsOn < period.startsOn) problems.endsOn = 'Le dernier jour ne peut pas venir avant le premier jour.';
    else if (spanDays(period.startsOn, period.endsOn) > MAX_PERIOD_DAYS)
      problems.endsOn = `Une période dure au plus ${MAX_PERIOD_DAYS} jours : vérifiez les dates.`;
  }
  return problems;
}

/** A holiday session as the administrator sets it. */
export interface SessionSettings {
  name: string;
  startsOn: LocalDay;
  endsOn: LocalDay;
  minAge: number;
  maxAge: number;
  places: number;
  priceCents: number;
}

/** What is wrong with a session; `booked` is the places already taken, which the session must keep. */
export function sessionProblems(session: SessionSettings, booked = 0): Problems {
  const problems: Problems = {};
  if (session.name.trim() === '') problems.name = 'Indiquez le nom de la session, par exemple « Stage multisport ».';
  if (datesInRange(problems, { startsOn: session.startsOn, endsOn: session.endsOn })) {
    if (session.endsOn < session.startsOn) problems.endsOn = 'Le dernier jour ne peut pas venir avant le premier jour.';
    else if (spanDays(session.startsOn, session.endsOn) > MAX_SESSION_DAYS)
      problems.endsOn = `Une session dure au plus ${MAX_SESSION_DAYS} jours : vérifiez les dates.`;
  }
  if (!isWhole(session.minAge, 0, MAX_AGE)) problems.minAge = `L’âge minimum va de 0 à ${MAX_AGE} ans.`;
  if (!isWhole(session.maxAge, 0, MAX_AGE)) problems.maxAge = `L’âge maximum va de 0 à ${MAX_AGE} ans.`;
  else if (!problems.minAge && session.maxAge < session.minAge)
    problems.maxAge = 'L’âge maximum ne peut pas être inférieur à l’âge minimum.';
  if (!isWhole(session.places, 1, MAX_PLACES)) problems.places = `Indiquez un nombre de places de 1 à ${MAX_PLACES}.`;
  else if (session.places < booked) {
    problems.places = `${booked} ${booked > 1 ? 'places sont déjà réservées' : 'place est déjà réservée'} : le nombre de places ne peut pas descendre en dessous de ${booked}. Pour en retirer, annulez d’abord des réservations.`;
  }
  if (!isWhole(session.priceCents, 0, MAX_SESSION_PRICE_CENTS))
    problems.priceCents = `Le prix va de 0 à ${formatEuros(MAX_SESSION_PRICE_CENTS)}.`;
  return problems;
}

/**
 * The school holidays that hold every day of the session, if any. Holidays typed as two touching
 * periods (a closure split in two) count as one: what matters is that no day is a school day.
 */
export function holidaysHolding(
  session: Pick<SessionSettings, 'startsOn' | 'endsOn'>,
  periods: CalendarFacts['periods'],
): CalendarFacts['periods'][number] | null {
  if (session.endsOn < session.startsOn) return null;
  const holidays = periods.filter((period) => period.kind === 'vacances');
  let day = session.startsOn;
  let first: CalendarFacts['periods'][number] | null = null;
  while (day <= session.endsOn) {
    const holding = holidays.find((period) => period.startsOn <= day && day <= period.endsOn);
    if (!holding) return null;
    first ??= holding;
    day = addDays(holding.endsOn, 1);
  }
  return first;
}

/** The public holidays from `first` to `last`, both included: the ones a school year meets, across its two calendar years. */
export function publicHolidaysBetween(first: LocalDay, last: LocalDay): PublicHoliday[] {
  const holidays: PublicHoliday[] = [];
  for (let year = Number(first.slice(0, 4)); year <= Number(last.slice(0, 4)); year++) {
    holidays.push(...frenchPublicHolidays(year).filter((holiday) => first <= holiday.day && holiday.day <= last));
  }
  return holidays;
}

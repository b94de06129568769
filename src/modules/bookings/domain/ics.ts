/**
 * A calendar as iCalendar text (RFC 5545), for the agenda's subscription link: every line ends with
 * CRLF (3.1), lines longer than 75 octets are folded (3.1), text values escape backslash, semicolon,
 * comma and line breaks (3.3.11), days of activity are all-day events (DTSTART;VALUE=DATE, 3.3.4) and
 * DTSTAMP is written in UTC (3.8.7.2). Pure: the caller gives the instant and the events. Ours rather
 * than a package's: ADR 0010.
 */
import { addDays, type LocalDay } from '../../../shared/localDays.js';

export interface IcsEvent {
  /** Stable for the same booking whatever the day it is fetched, so a calendar updates the event instead of adding one. */
  uid: string;
  firstDay: LocalDay;
  /** Inclusive; the first day when absent. */
  lastDay?: LocalDay;
  summary: string;
  description?: string;
  status?: 'CONFIRMED' | 'TENTATIVE' | 'CANCELLED';
}

export interface IcsCalendar {
  /** The product identifier, e.g. « -//Parvis//Agenda//FR ». */
  prodId: string;
  /** The name calendar applications show for the subscription. */
  name: string;
  /** When this text is made: every event's DTSTAMP. */
  stamp: Date;
  /** How often a subscribed application should fetch the feed again, as an ISO 8601 duration (« PT6H »). */
  refresh?: string;
  events: IcsEvent[];
}

const CRLF = '\r\n';
const MAX_OCTETS = 75;

/** A TEXT value: backslash first, so that the escapes added after are not escaped again. */
export function escapeText(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
}

/** Octets of one code point in UTF-8. */
function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * One content line folded into lines of at most 75 octets, CRLF and a space before each continuation
 * (the space counts in the 75). A UTF-8 character is never cut: a fold falls between characters.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const character of line) {
    const size = utf8Length(character.codePointAt(0)!);
    if (octets + size > MAX_OCTETS) {
      parts.push(current);
      current = ' ';
      octets = 1;
    }
    current += character;
    octets += size;
  }
  parts.push(current);
  return parts.join(CRLF);
}

/** 'YYYY-MM-DD' → 'YYYYMMDD', the DATE form. */
export function icsDate(day: LocalDay): string {
  return day.replace(/-/g, '');
}

/** An instant in UTC, the « Z » form: 20261102T110000Z. */
export function icsUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

function eventLines(event: IcsEvent, stamp: string): string[] {
  // DTEND of an all-day event is the day after the last one (it is exclusive).
  const end = addDays(event.lastDay ?? event.firstDay, 1);
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(event.uid)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART;VALUE=DATE:${icsDate(event.firstDay)}`,
    `DTEND;VALUE=DATE:${icsDate(end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
    ...(event.status ? [`STATUS:${event.status}`] : []),
    // An all-day activity does not make the person busy in a calendar's free/busy view.
    'TRANSP:TRANSPARENT',
    'END:VEVENT',
  ];
}

/** The whole calendar, every line folded and ended with CRLF. */
export function renderCalendar(calendar: IcsCalendar): string {
  const stamp = icsUtc(calendar.stamp);
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.prodId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.refresh
      ? [`REFRESH-INTERVAL;VALUE=DURATION:${calendar.refresh}`, `X-PUBLISHED-TTL:${calendar.refresh}`]
      : []),
    ...calendar.events.flatMap((event) => eventLines(event, stamp)),
    'END:VCALENDAR',
  ];
  return lines.map((line) => foldLine(line) + CRLF).join('');
}

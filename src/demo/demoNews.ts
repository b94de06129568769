import { type LocalDay, addDays, compareDays, formatDay } from '../shared/localDays.js';
import { SCHOOL_YEAR_2026 } from '../modules/services/standardCatalogue.js';

/** Holiday activities are booked 4 weeks before the session's first day (the demo communes' rule). */
const BOOKING_NOTICE_DAYS = 28;

export interface DemoNewsText {
  title: string;
  summary: string;
  body: string[];
}

interface OpenHolidays {
  /** « Vacances d’hiver », or null past the calendar's last holidays. */
  label: string | null;
  closesOn: LocalDay;
}

// The next holidays whose bookings are still open on that day, and the day they close.
function nextOpenHolidays(today: LocalDay): OpenHolidays {
  const next = SCHOOL_YEAR_2026.periods
    .filter((period) => period.label.startsWith('Vacances'))
    .map((period) => ({ label: period.label, closesOn: addDays(period.startsOn, -BOOKING_NOTICE_DAYS) }))
    .find((period) => compareDays(period.closesOn, today) > 0);
  return next ?? { label: null, closesOn: addDays(today, 14) };
}

/**
 * Belrive's « Repères » line on its holiday workshops, on the demo's day: the next holidays still
 * open and the day they close, never a day already past.
 */
export function holidayWorkshopsLine(today: LocalDay): string {
  const { label, closesOn } = nextOpenHolidays(today);
  const holidays = label ? label.replace(/^Vacances/, 'vacances') : 'prochaines vacances';
  return `Stages des ${holidays} : inscriptions ouvertes jusqu’au ${formatDay(closesOn)}.`;
}

/**
 * The demo's news about holiday activities, written on the demo's day: it names the next holidays
 * whose bookings are still open and the day they close, so a demo started on any day never shows a
 * deadline already past. Past the calendar's last holidays, a deadline two weeks ahead.
 */
export function holidayNews(today: LocalDay): DemoNewsText {
  const next = nextOpenHolidays(today);
  const closesOn = formatDay(next.closesOn);
  const holidays = next.label ? next.label.replace(/^Vacances/, 'vacances') : 'prochaines vacances';
  return {
    title: `${next.label ?? 'Prochaines vacances'} : inscriptions ouvertes`,
    summary: `Les inscriptions aux activités des ${holidays} sont ouvertes jusqu’au ${closesOn}.`,
    body: [
      `Les inscriptions aux activités de l'accueil de loisirs pendant les ${holidays} sont ouvertes. Les places sont limitées : inscrivez vos enfants au plus tard le ${closesOn}.`,
    ],
  };
}

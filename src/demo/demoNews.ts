import { type LocalDay, addDays, compareDays, formatDay } from '../shared/localDays.js';
import { SCHOOL_YEAR_2026 } from '../modules/services/standardCatalogue.js';

/** Holiday activities are booked 4 weeks before the session's first day (the demo communes' rule). */
const BOOKING_NOTICE_DAYS = 28;

export interface DemoNewsText {
  title: string;
  summary: string;
  body: string[];
}

/**
 * The demo's news about holiday activities, written on the demo's day: it names the next holidays
 * whose bookings are still open and the day they close, so a demo started on any day never shows a
 * deadline already past. Past the calendar's last holidays, a deadline two weeks ahead.
 */
export function holidayNews(today: LocalDay): DemoNewsText {
  const next = SCHOOL_YEAR_2026.periods
    .filter((period) => period.label.startsWith('Vacances'))
    .map((period) => ({ label: period.label, closesOn: addDays(period.startsOn, -BOOKING_NOTICE_DAYS) }))
    .find((period) => compareDays(period.closesOn, today) > 0);
  const closesOn = formatDay(next?.closesOn ?? addDays(today, 14));
  const holidays = next ? next.label.replace(/^Vacances/, 'vacances') : 'prochaines vacances';
  return {
    title: `${next ? next.label : 'Prochaines vacances'} : inscriptions ouvertes`,
    summary: `Les inscriptions aux activités des ${holidays} sont ouvertes jusqu’au ${closesOn}.`,
    body: [
      `Les inscriptions aux activités de l'accueil de loisirs pendant les ${holidays} sont ouvertes. Les places sont limitées : inscrivez vos enfants au plus tard le ${closesOn}.`,
    ],
  };
}

import { describe, expect, it } from 'vitest';
import { pageContext, renderView, viewService } from '../../../../../../test/renderView.js';
import type { CellState, MonthView } from '../../../bookingService.js';
import { MonthCalendarPage } from './MonthCalendarPage.js';

const canteen = viewService();
const evening = viewService({
  id: '6f2e3d4c-5b6a-4798-8a0b-2c3d4e5f6a7b',
  kind: 'soir',
  name: 'Accueil du soir',
  units: [{ code: 'jour', label: 'Soir', priceCents: 290 }],
});
const open = (state: Partial<Extract<CellState, { kind: 'ouvert' }>> = {}): CellState => ({
  kind: 'ouvert',
  bookedUnit: null,
  cancelledLate: null,
  complet: false,
  timing: 'on-time',
  onTimeUntil: new Date('2026-11-30T23:59:00+01:00'),
  cutoff: new Date('2026-12-14T10:00:00+01:00'),
  majorationRule: '+50 %',
  majorations: { jour: 0 },
  ...state,
});

/** Rémi's December: a day booked, a day full, a day past its cutoff, and the first day of the holidays. */
const view: MonthView = {
  member: {
    id: '7a3f4e5d-6c7b-48a9-9b0c-3d4e5f6a7b8c',
    familyId: '8b4a5f6e-7d8c-49ba-8c1d-4e5f6a7b8c9d',
    firstName: 'Rémi',
    lastName: 'Dupont',
    relation: 'enfant',
    birthDate: '2018-05-14',
  },
  month: '2026-12',
  previous: '2026-11',
  next: '2027-01',
  services: [canteen, evening],
  bookable: new Map([canteen, evening].map((service) => [service.id, service])),
  days: [
    {
      day: '2026-12-14',
      cells: [
        { serviceId: canteen.id, state: open({ bookedUnit: 'jour' }) },
        { serviceId: evening.id, state: open() },
      ],
    },
    {
      day: '2026-12-15',
      cells: [
        { serviceId: canteen.id, state: open({ complet: true }) },
        { serviceId: evening.id, state: { kind: 'non-inscrit' } },
      ],
    },
    {
      day: '2026-12-17',
      cells: [
        { serviceId: canteen.id, state: open({ timing: 'refused' }) },
        { serviceId: evening.id, state: open({ timing: 'late', majorations: { jour: 145 } }) },
      ],
    },
    {
      day: '2026-12-21',
      cells: [
        { serviceId: canteen.id, state: { kind: 'ferme', label: 'Vacances de Noël' } },
        { serviceId: evening.id, state: { kind: 'ferme', label: 'Vacances de Noël' } },
      ],
    },
  ],
};

describe('a child’s month of reservations', () => {
  it('is a calendar of days, each with the services the child is enrolled in, each saying its state in French', () => {
    const page = renderView(<MonthCalendarPage context={pageContext()} view={view} />);
    expect(page.title).toBe('Réservations de Rémi DUPONT : décembre 2026 — Espace citoyens de Chanteloup-les-Vignes');
    // No table, no scroll box: a list of days that the style sheet lays out as weeks on a wide screen.
    expect(page.headers).toEqual([]);
    expect(page.html).not.toContain('role="region"');
    expect(page.html).toContain('<li class="day day--wd1" data-jour="2026-12-14">');
    expect(page.text).toContain('Rémi DUPONT — décembre 2026');
    expect(page.text).toContain('Légende');
    expect(page.text).toContain('non réservé');
    expect(page.text).not.toContain('libre');
    expect(page.text).toContain('Mois précédent : novembre 2026');
    expect(page.text).toContain('Mois suivant : janvier 2027');
    expect(page.text).toContain('réservé');
    expect(page.text).toContain('complet');
    expect(page.text).toContain('non inscrit');
    expect(page.text).toContain('hors délai');
    // A day closed for every service says it once, across the row.
    expect(page.html).toMatch(
      /<p class="slot slot--ferme">.*fermé <span class="cell-note">\(Vacances de Noël\)<\/span><\/p>/,
    );
    expect(page.text).toContain('Voir le récapitulatif');
  });

  it('offers a box for the days still open to change, and only for those', () => {
    const page = renderView(<MonthCalendarPage context={pageContext()} view={view} />);
    const boxes = [...page.html.matchAll(/<input type="checkbox"[^>]*name="([^"]+)"/g)].map((match) => match[1]);
    expect(boxes).toEqual([`r:2026-12-14:${canteen.id}`, `r:2026-12-14:${evening.id}`, `r:2026-12-17:${evening.id}`]);
    expect(page.html).toContain(`value="2026-12-14:${canteen.id} 2026-12-14:${evening.id} 2026-12-17:${evening.id}"`);
    expect(page.text).toContain("avec majoration (+50 %) jusqu'au 14/12 à 10:00");
    expect(page.text).toContain("modifiable jusqu'au 30/11 à 23:59");
  });

  it('sends the form back with an error summary whose link leads to the calendar, and says so in the title', () => {
    const form = {
      values: {},
      errors: { calendrier: 'Ce calendrier a changé depuis son affichage : vérifiez les jours, puis recommencez.' },
    };
    const page = renderView(<MonthCalendarPage context={pageContext()} view={view} form={form} />);
    expect(page.title.startsWith('Erreur : Réservations de Rémi DUPONT')).toBe(true);
    expect(page.text).toContain('Le formulaire contient une erreur');
    expect(page.summary).toEqual({ calendrier: form.errors.calendrier });
    expect(page.html).toContain('id="champ-calendrier"');
  });

  it('sends a child enrolled in nothing this month to « Créer une inscription »', () => {
    const page = renderView(<MonthCalendarPage context={pageContext()} view={{ ...view, services: [], days: [] }} />);
    expect(page.headers).toEqual([]);
    expect(page.text).toContain('Rémi n’est inscrit(e) à aucun service pour ce mois. Créer une inscription');
    // The word agrees with the child when the file gives the sex.
    const lea = { ...view, member: { ...view.member, firstName: 'Léa', sex: 'F' }, services: [], days: [] };
    expect(renderView(<MonthCalendarPage context={pageContext()} view={lea} />).text).toContain(
      'Léa n’est inscrite à aucun service pour ce mois.',
    );
  });
});

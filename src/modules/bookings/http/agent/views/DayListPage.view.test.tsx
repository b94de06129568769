import { describe, expect, it } from 'vitest';
import { pageContext, renderView, viewService } from '../../../../../../test/renderView.js';
import type { ExpectedChild, ServiceDay } from '../../../attendanceService.js';
import { DayListPage } from './DayListPage.js';
import type { DayChoice } from './dayParts.js';

const canteen = viewService();
const wednesday = viewService({
  id: '9c5b6a7f-8e9d-4acb-9d2e-5f6a7b8c9d0e',
  kind: 'mercredi',
  name: 'Accueil du mercredi',
});
const child = (overrides: Partial<ExpectedChild>): ExpectedChild => ({
  memberId: overrides.firstName ?? 'x',
  familyId: 'f',
  firstName: 'Rémi',
  lastName: 'Dupont',
  schoolName: 'École Victor Hugo',
  schoolClass: 'CE1',
  diet: 'standard',
  pai: false,
  hasAllergies: false,
  bookingId: 'b',
  unit: 'jour',
  sessionName: null,
  late: false,
  source: 'famille',
  unitLabel: null,
  absence: null,
  mark: null,
  ...overrides,
});

/** Tuesday 17 November 2026's canteen: Rémi with a PAI and allergies, booked late; Lina reported ill. */
const canteenDay: ServiceDay = {
  service: canteen,
  day: '2026-11-17',
  opening: { open: true },
  children: [
    child({ firstName: 'Rémi', pai: true, hasAllergies: true, diet: 'pai-panier-repas', late: true }),
    child({ firstName: 'Lina', lastName: 'Martin', schoolClass: '', absence: { justified: true } }),
  ],
  counts: {
    expected: 1,
    absences: 1,
    late: 1,
    pai: 1,
    present: 0,
    absent: 0,
    diets: [{ label: 'Allergie avec PAI (panier repas fourni)', count: 1 }],
  },
};
const closedWednesday: ServiceDay = {
  service: wednesday,
  day: '2026-11-17',
  opening: { open: false, reason: 'jour-sans-accueil', label: "Pas d'accueil ce jour-là" },
  children: [],
  counts: { expected: 0, absences: 0, late: 0, pai: 0, present: 0, absent: 0, diets: [] },
};
const choice: DayChoice = { typedDay: '2026-11-17', day: '2026-11-17', serviceId: '', school: '', errors: {} };
const props = {
  context: pageContext(),
  choice,
  services: [canteen, wednesday],
  schools: ['École Victor Hugo'],
  lists: [canteenDay, closedWednesday],
  today: '2026-11-17' as const,
  mayPoint: true,
};

describe('the day lists', () => {
  it('lists who is expected at each service with what the staff must know, in French, and names the closed services once', () => {
    const page = renderView(<DayListPage {...props} />);
    expect(page.title).toBe('Listes du mardi 17 novembre 2026 — Espace citoyens de Chanteloup-les-Vignes');
    const columns = ['Enfant', 'Classe', 'École', 'Repas', 'PAI', 'Réservation', 'Absence', 'Pointage'];
    // Listed apart: the children who will come, then those whose absence stands.
    expect(page.headers).toEqual([columns, columns]);
    expect(page.text).toContain('Enfants attendus (1) à Restauration scolaire');
    expect(page.text).toContain('Absences signalées (1) à Restauration scolaire');
    expect(page.text).toContain('Restauration scolaire — mardi 17 novembre 2026');
    expect(page.text).toContain(
      'Enfants attendus 1 Absences signalées 1 Réservés hors délai 1 Avec un PAI 1 Repas Allergie avec PAI (panier repas fourni) : 1',
    );
    expect(page.text).toContain(
      'DUPONT Rémi CE1 École Victor Hugo Allergie avec PAI (panier repas fourni) PAI, allergies : voir PAI Réservé, hors délai — —',
    );
    expect(page.text).toContain(
      'MARTIN Lina — École Victor Hugo Menu standard — Réservé Absence signalée, justifiée —',
    );
    expect(page.text).toContain("Fermés ce jour-là : Accueil du mercredi (Pas d'accueil ce jour-là).");
    expect(page.html).toContain(`href="/chanteloup/guichet/pointage?jour=2026-11-17&amp;service=${canteen.id}"`);
  });

  it('shows the staff on site that a child has allergies and a PAI, never what they are nor why a child is absent', () => {
    const page = renderView(<DayListPage {...props} />);
    expect(page.text).toContain('allergies : voir PAI');
    for (const word of ['Arachide', 'allergique', 'malade', 'médecin', 'Dr ']) expect(page.text).not.toContain(word);
  });

  it('offers the pointage only on the day itself, and says why on another day', () => {
    const otherDay = renderView(
      <DayListPage
        {...props}
        choice={{ ...choice, typedDay: '2026-11-16', day: '2026-11-16' }}
        lists={[{ ...canteenDay, day: '2026-11-16' }]}
      />,
    );
    expect(otherDay.text).not.toContain('Faire le pointage de ce service');
    expect(otherDay.text).toContain(
      'Le pointage se fait le jour même, sur place : les listes d’un autre jour se consultent seulement.',
    );
    const animateurWithoutPointage = renderView(<DayListPage {...props} mayPoint={false} />);
    expect(animateurWithoutPointage.text).not.toContain('Faire le pointage');
  });

  it('sends a day it cannot read back with an error summary linking to the field, keeping what was typed', () => {
    const page = renderView(
      <DayListPage
        {...props}
        choice={{
          ...choice,
          typedDay: '31/02/2026',
          errors: { jour: 'Saisissez une date valide, par exemple 17/11/2026.' },
        }}
        lists={[]}
      />,
    );
    expect(page.title).toBe('Erreur : Listes du jour — Espace citoyens de Chanteloup-les-Vignes');
    expect(page.summary).toEqual({ jour: 'Saisissez une date valide, par exemple 17/11/2026.' });
    expect(page.html).toContain('value="31/02/2026"');
    expect(page.html).toContain('aria-invalid="true"');
  });
});

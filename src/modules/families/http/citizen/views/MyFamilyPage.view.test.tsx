import { describe, expect, it } from 'vitest';
import { pageContext, renderView } from '../../../../../../test/renderView.js';
import type { FamilyAdult, FamilyMember } from '../../../familiesRepository.js';
import type { FullFile } from '../../../familyFileService.js';
import { MyFamilyPage } from './MyFamilyPage.js';

const ids = { commune: 'c0000000-0000-4000-8000-000000000001', family: 'f0000000-0000-4000-8000-000000000001' };
const adult = (overrides: Partial<FamilyAdult>): FamilyAdult => ({
  id: 'a0000000-0000-4000-8000-000000000001',
  communeId: ids.commune,
  familyId: ids.family,
  role: 'representant',
  civility: 'madame',
  firstName: 'Aurélie',
  lastName: 'Dupont',
  email: 'aurelie@example.org',
  phone: '06 12 34 56 78',
  homePhone: '',
  workPhone: '',
  preferredContact: 'email',
  citizenId: 'b0000000-0000-4000-8000-000000000001',
  ...overrides,
});
const remi: FamilyMember = {
  id: 'd0000000-0000-4000-8000-000000000001',
  communeId: ids.commune,
  familyId: ids.family,
  firstName: 'Rémi',
  lastName: 'Dupont',
  birthDate: '2018-05-14',
  relation: 'enfant',
  sex: 'M',
  schoolName: 'École Victor Hugo',
  schoolClass: 'CE1',
  diet: 'standard',
  allergies: 'Arachide',
  pai: true,
  doctorName: 'Dr Martin',
  doctorPhone: '01 39 00 00 00',
  photoConsent: false,
  leavesAloneConsent: false,
};
const coRepresentative = adult({
  id: 'a0000000-0000-4000-8000-000000000002',
  role: 'co-representant',
  civility: 'monsieur',
  firstName: 'Xavier',
  citizenId: null,
});
const file: FullFile = {
  family: {
    id: ids.family,
    communeId: ids.commune,
    reference: 'F-2026-0042',
    street: '2 rue des Chariots',
    streetComplement: 'Bâtiment B',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    createdAt: new Date('2026-09-01T10:00:00+02:00'),
  },
  // The co-représentant first: the page lists the représentante first all the same.
  adults: [coRepresentative, adult({})],
  members: [remi],
  contacts: [],
  pending: [
    {
      requestId: 'e0000000-0000-4000-8000-000000000001',
      group: 'school',
      target: { kind: 'member', id: remi.id },
      changes: [{ field: 'schoolClass', label: 'Classe', before: 'CE1', after: 'CE2' }],
      at: new Date('2026-11-16T09:30:00+01:00'),
    },
  ],
};

describe('« Ma famille »', () => {
  it('shows the file number, the household’s address, its adults (the représentante first) and its members, in French', () => {
    const page = renderView(<MyFamilyPage context={pageContext()} file={file} notice={null} />);
    expect(page.title).toBe('Ma famille — Espace citoyens de Chanteloup-les-Vignes');
    expect(page.text).toContain('Dossier famille n° F-2026-0042');
    expect(page.text).toContain('Adresse du foyer 2 rue des Chariots Bâtiment B 78570 Chanteloup-les-Vignes');
    expect(page.text).toContain(
      'Responsables Aurélie DUPONT — Représentante — a son espace citoyen Xavier DUPONT — Co-représentant — n’a pas encore d’espace citoyen',
    );
    expect(page.html).toContain(
      `<a href="/chanteloup/ma-famille/membres/${remi.id}">Rémi DUPONT, né le 14/05/2018</a>`,
    );
    for (const link of [
      'Modifier les réservations',
      'Créer une inscription',
      'Signaler une absence',
      'Activités vacances',
      'Télécharger mes données',
    ]) {
      expect(page.text).toContain(link);
    }
  });

  it('lists what waits for the desk’s validation, each linking to its request', () => {
    const page = renderView(<MyFamilyPage context={pageContext()} file={file} notice={null} />);
    expect(page.html).toContain(
      '<a href="/chanteloup/mon-tableau-de-bord/demandes/e0000000-0000-4000-8000-000000000001">École et classe — Rémi DUPONT</a> — demandée le 16/11/2026',
    );
    const none = renderView(<MyFamilyPage context={pageContext()} file={{ ...file, pending: [] }} notice={null} />);
    expect(none.text).toContain('Aucune modification n’attend la validation du guichet unique.');
  });

  it('keeps the children’s health notes for their own page: none on the family’s overview', () => {
    const page = renderView(<MyFamilyPage context={pageContext()} file={file} notice={null} />);
    for (const health of ['Arachide', 'Dr Martin', 'PAI']) expect(page.text).not.toContain(health);
  });

  it('says after a sent change that it went to the desk, with the link to follow it', () => {
    const page = renderView(
      <MyFamilyPage
        context={pageContext()}
        file={file}
        notice={{ kind: 'requested', requestId: 'e0000000-0000-4000-8000-000000000001' }}
      />,
    );
    expect(page.text).toContain(
      'Votre demande d’ajout d’un membre du foyer a été transmise au guichet unique. Suivre la demande',
    );
  });
});

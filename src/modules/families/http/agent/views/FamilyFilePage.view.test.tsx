import { describe, expect, it } from 'vitest';
import { breadcrumbOf } from '../../../../../../test/html.js';
import { pageContext, renderView } from '../../../../../../test/renderView.js';
import type { ChildKey } from '../../../../accounts/childKeysRepository.js';
import type { FamilyAdult, FamilyChange, FamilyMember, FullFile } from '../../../familyFileService.js';
import { DeskMemberPage } from './DeskMemberPage.js';
import { FamilyFilePage } from './FamilyFilePage.js';
import { MemberHealthPage } from './MemberHealthPage.js';

const ids = { commune: 'c0000000-0000-4000-8000-000000000001', family: 'f0000000-0000-4000-8000-000000000001' };
const representative: FamilyAdult = {
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
};
const coRepresentative: FamilyAdult = {
  ...representative,
  id: 'a0000000-0000-4000-8000-000000000002',
  role: 'co-representant',
  civility: 'monsieur',
  firstName: 'Xavier',
  email: 'xavier@example.org',
  citizenId: null,
};
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
const file: FullFile = {
  family: {
    id: ids.family,
    communeId: ids.commune,
    reference: 'F-2026-0042',
    street: '2 rue des Chariots',
    streetComplement: '',
    postcode: '78570',
    city: 'Chanteloup-les-Vignes',
    createdAt: new Date('2026-09-01T10:00:00+02:00'),
  },
  adults: [representative, coRepresentative],
  members: [remi],
  contacts: [],
  pending: [
    {
      requestId: 'e0000000-0000-4000-8000-000000000001',
      group: 'health',
      target: { kind: 'member', id: remi.id },
      changes: [{ field: 'allergies', label: 'Allergies', before: 'Arachide', after: 'Arachide, kiwi' }],
      at: new Date('2026-11-16T09:30:00+01:00'),
    },
  ],
};
const history: FamilyChange[] = [
  {
    id: 'e1000000-0000-4000-8000-000000000001',
    communeId: ids.commune,
    familyId: ids.family,
    memberId: remi.id,
    at: new Date('2026-11-10T14:00:00+01:00'),
    actorKind: 'citizen',
    actorId: representative.citizenId,
    actorLabel: 'Aurélie DUPONT',
    fieldGroup: 'health',
    changes: [{ field: 'doctorName', label: 'Médecin traitant', before: 'Dr Petit', after: 'Dr Martin' }],
    requestId: null,
  },
];
const key: ChildKey = {
  id: 'k0000000-0000-4000-8000-000000000001',
  communeId: ids.commune,
  adultId: coRepresentative.id,
  keyHash: 'hash',
  issuedByAgentId: null,
  issuedAt: new Date('2026-11-02T10:15:00+01:00'),
  revokedAt: null,
  usedAt: null,
  usedByCitizenId: null,
};

const filePage = (may = { edit: true }) =>
  renderView(
    <FamilyFilePage context={pageContext()} file={file} keys={[key]} history={history} may={may} notice={null} />,
  );

describe('the desk’s family file', () => {
  it('shows the household, its adults with their contact details, account and key, and its members', () => {
    const page = filePage();
    expect(page.title).toContain('Dossier famille F-2026-0042');
    expect(page.text).toContain('2 rue des Chariots');
    expect(page.text).toContain('DUPONT Aurélie Rôle Représentante');
    expect(page.text).toContain('aurelie@example.org');
    expect(page.text).toContain('Espace citoyen relié Oui');
    expect(page.text).toContain('DUPONT Xavier Rôle Co-représentant');
    expect(page.text).toContain('Émise le 02/11/2026 à 10:15, pas encore utilisée.');
    expect(page.headers).toContainEqual(['Nom', 'Date de naissance', 'Lien']);
    expect(page.html).toContain(
      `<a href="/chanteloup/guichet/familles/${ids.family}/membres/${remi.id}">DUPONT Rémi</a>`,
    );
    expect(page.text).toContain('DUPONT Rémi 14/05/2018 Enfant');
  });

  it('offers the edits only to whom may make them', () => {
    expect(filePage({ edit: true }).text).toContain('Ajouter un membre du foyer');
    const readOnly = filePage({ edit: false });
    expect(readOnly.text).not.toContain('Ajouter un membre du foyer');
    expect(readOnly.text).not.toContain('Modifier les coordonnées');
  });

  it('never shows the health notes: a change of them, asked or made, says which fields changed, not their values', () => {
    const page = filePage();
    expect(page.text).toContain('Allergies : modifié');
    expect(page.text).toContain('Médecin traitant : modifié');
    for (const value of ['Arachide', 'kiwi', 'Dr Martin', 'Dr Petit', '01 39 00 00 00'])
      expect(page.text).not.toContain(value);
  });
});

describe('a member’s page at the desk', () => {
  const memberPage = (may: { edit: boolean; health: boolean }) =>
    renderView(
      <DeskMemberPage
        context={pageContext()}
        file={file}
        member={remi}
        may={may}
        notice={null}
        leavesAloneOffered={false}
      />,
    );

  it('links to the health notes only for an agent who may read them, and shows none of them itself', () => {
    const allowed = memberPage({ edit: false, health: true });
    expect(allowed.html).toContain(`href="/chanteloup/guichet/familles/${ids.family}/membres/${remi.id}/sante"`);
    expect(allowed.text).toContain('Voir les informations de santé');
    const refused = memberPage({ edit: false, health: false });
    expect(refused.text).not.toContain('Voir les informations de santé');
    expect(refused.html).not.toContain('/sante"');
    for (const page of [allowed, refused])
      for (const value of ['Arachide', 'Dr Martin', '01 39 00 00 00']) expect(page.text).not.toContain(value);
  });
});

describe('a member’s health notes at the desk', () => {
  it('lead back up through a breadcrumb: the families, the file, the member, then the notes themselves', () => {
    const page = renderView(
      <MemberHealthPage context={pageContext()} file={file} member={remi} history={history} mayEdit={false} />,
    );
    const desk = '/chanteloup/guichet/familles';
    expect(breadcrumbOf(page.html)).toEqual({
      trail: [
        { href: desk, label: 'Familles' },
        { href: `${desk}/${ids.family}`, label: 'Dossier famille F-2026-0042' },
        { href: `${desk}/${ids.family}/membres/${remi.id}`, label: 'DUPONT Rémi' },
      ],
      current: 'Informations de santé',
    });
    expect(page.text).toContain('Arachide');
  });
});

import { describe, expect, it } from 'vitest';
import { breadcrumbOf } from '../../../../../../test/html.js';
import { pageContext, renderView } from '../../../../../../test/renderView.js';
import type { Family, FamilyAdult } from '../../../../families/familiesRepository.js';
import { ChildKeyPrintPage } from './ChildKeyPrintPage.js';

const family: Family = {
  id: 'f0000000-0000-4000-8000-000000000002',
  communeId: 'c0000000-0000-4000-8000-000000000001',
  reference: 'F-2026-0002',
  street: '8 allée des Tilleuls',
  streetComplement: '',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
  createdAt: new Date('2026-09-01T10:00:00+02:00'),
};
const sophie: FamilyAdult = {
  id: 'a0000000-0000-4000-8000-000000000002',
  communeId: family.communeId,
  familyId: family.id,
  role: 'representant',
  civility: 'madame',
  firstName: 'Sophie',
  lastName: 'Martin',
  email: '',
  phone: '',
  homePhone: '',
  workPhone: '',
  preferredContact: 'email',
  citizenId: null,
};

describe('the Clé Enfance handed to a family', () => {
  // Called as the route calls it: in JSX, Preact would take `key` for its own.
  const page = renderView(
    ChildKeyPrintPage({
      context: pageContext(),
      family,
      adult: sophie,
      key: 'K7QZ-3M9D-XR2F-8WHT',
      portal: 'https://portail.example.org/chanteloup',
    }),
  );

  it('shows the key with the file and the person it is for', () => {
    expect(page.title).toContain('Clé Enfance de Madame MARTIN Sophie');
    expect(page.text).toContain('Dossier famille F-2026-0002 Pour Madame MARTIN Sophie Remise le 17/11/2026');
    expect(page.text).toContain('K7QZ-3M9D-XR2F-8WHT');
  });

  it('leads back to the family file through a breadcrumb, left off the printed sheet', () => {
    expect(breadcrumbOf(page.html)).toEqual({
      trail: [
        { href: '/chanteloup/guichet/familles', label: 'Familles' },
        { href: `/chanteloup/guichet/familles/${family.id}`, label: 'Dossier famille F-2026-0002' },
      ],
      current: 'Clé Enfance',
    });
    expect(page.html).toMatch(/<div class="no-print"><nav aria-label="Fil d'Ariane"/);
  });
});

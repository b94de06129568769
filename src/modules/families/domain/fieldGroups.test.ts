import { describe, expect, it } from 'vitest';
import {
  FIELD_GROUPS,
  ageOn,
  describeValue,
  diffGroup,
  fieldGroups,
  needsValidation,
  pickGroupValues,
} from './fieldGroups.js';

describe('family file field groups', () => {
  it('keeps the defaults of the issue when the commune has chosen nothing', () => {
    const none = new Map<string, boolean>();
    const direct = FIELD_GROUPS.filter((group) => !needsValidation(group, none));
    expect(direct).toEqual(['contact', 'contacts', 'consents']);
    expect(needsValidation('address', none)).toBe(true);
    expect(needsValidation('health', none)).toBe(true);
    expect(needsValidation('new-member', none)).toBe(true);
  });

  it('follows the commune’s choice over the default, both ways', () => {
    const choices = new Map([
      ['address', false],
      ['contact', true],
    ]);
    expect(needsValidation('address', choices)).toBe(false);
    expect(needsValidation('contact', choices)).toBe(true);
    expect(needsValidation('identity', choices)).toBe(true);
  });

  it('lists only the fields that differ, with both values as people read them', () => {
    const changes = diffGroup(
      'address',
      { street: '2 Rue des Chariots', streetComplement: '', postcode: '78570', city: 'Chanteloup-les-Vignes' },
      { street: '5 Rue de Poissy', streetComplement: 'Bâtiment B', postcode: '78570', city: 'Chanteloup-les-Vignes' },
    );
    expect(changes).toEqual([
      { field: 'street', label: 'Numéro et voie', before: '2 Rue des Chariots', after: '5 Rue de Poissy' },
      { field: 'streetComplement', label: "Complément d'adresse", before: '—', after: 'Bâtiment B' },
    ]);
  });

  it('reads booleans, diets, dates and contact lists in French', () => {
    expect(describeValue('pai', true)).toBe('Oui');
    expect(describeValue('photoConsent', false)).toBe('Non');
    expect(describeValue('diet', 'sans-porc')).toBe('Sans porc');
    expect(describeValue('birthDate', '2018-05-14')).toBe('14/05/2018');
    expect(describeValue('preferredContact', 'sms')).toBe('SMS');
    expect(describeValue('pickup', [{ name: 'Jeanne Petit', phone: '06 11 22 33 44', relation: 'grand-mère' }])).toBe(
      'Jeanne Petit (grand-mère) 06 11 22 33 44',
    );
    expect(describeValue('allergies', '')).toBe('—');
  });

  it('sees a change in a contact list, and none when the list is the same', () => {
    const list = [{ name: 'Jeanne Petit', phone: '06 11 22 33 44', relation: '' }];
    expect(diffGroup('contacts', { pickup: list, emergency: [] }, { pickup: list, emergency: [] })).toEqual([]);
    expect(
      diffGroup('contacts', { pickup: list, emergency: [] }, { pickup: [], emergency: list }).map((c) => c.field),
    ).toEqual(['pickup', 'emergency']);
  });

  it('applies no more than the group’s fields, each of its type, whatever a payload holds', () => {
    const picked = pickGroupValues('health', {
      allergies: 'arachide',
      pai: 'true',
      doctorName: 7,
      familyId: 'x',
      communeId: 'y',
    });
    expect(picked).toEqual({ allergies: 'arachide', pai: false, doctorName: '', doctorPhone: '' });
    expect(
      Object.keys(pickGroupValues('contacts', { pickup: [{ name: 'A', phone: '0', relation: 'r', extra: 1 }] })),
    ).toEqual(['pickup', 'emergency']);
  });

  it('counts full years at the birthday, not the day before', () => {
    expect(ageOn('2018-05-14', '2026-05-13')).toBe(7);
    expect(ageOn('2018-05-14', '2026-05-14')).toBe(8);
    expect(ageOn('2016-02-29', '2026-02-28')).toBe(9);
    expect(ageOn('2016-02-29', '2026-03-01')).toBe(10);
  });

  it('gives every group a label and at least one field', () => {
    for (const group of FIELD_GROUPS) {
      expect(fieldGroups[group].label).not.toBe('');
      expect(Object.keys(fieldGroups[group].fields).length).toBeGreaterThan(0);
    }
  });
});

import { describe, expect, it } from 'vitest';
import { addressStanding, changedProfileFields, phonesStanding, sameAddress } from './profile.js';

const profile = {
  street: '2 Rue des Chariots',
  streetComplement: '',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
  mobilePhone: '06 12 34 56 78',
  homePhone: '',
};
const address = {
  street: '2 Rue des Chariots',
  streetComplement: '',
  postcode: '78570',
  city: 'Chanteloup-les-Vignes',
};

describe('the profile’s changes', () => {
  it('names only the fields whose value differs, spaces around a value not counting', () => {
    expect(changedProfileFields(profile, { ...profile, mobilePhone: ' 06 12 34 56 78 ' })).toEqual([]);
    expect(changedProfileFields(profile, { ...profile, homePhone: '01 39 00 00 00', city: 'Andrésy' })).toEqual([
      'city',
      'homePhone',
    ]);
  });
});

describe('the profile’s address beside the family file’s', () => {
  it('reads one address whatever the case and the spaces', () => {
    expect(sameAddress(address, { ...address, street: ' 2 rue des  chariots', postcode: '78 570' })).toBe(true);
    expect(sameAddress(address, { ...address, streetComplement: 'Bâtiment B' })).toBe(false);
    expect(sameAddress(address, { ...address, street: '4 Rue des Chariots' })).toBe(false);
  });

  it('says whether there is a file, whether it has an address, and whether both agree', () => {
    expect(addressStanding(address, null)).toBe('no-file');
    expect(addressStanding(address, { street: '', streetComplement: '', postcode: '', city: '' })).toBe('file-empty');
    expect(addressStanding(address, { ...address, city: '' })).toBe('file-empty');
    expect(addressStanding(address, { ...address, street: '2 RUE DES CHARIOTS' })).toBe('same');
    expect(addressStanding(address, { ...address, street: '10 Allée des Tilleuls' })).toBe('different');
  });
});

describe('the profile’s phones beside the family file’s', () => {
  const phones = { mobilePhone: '06 12 34 56 78', homePhone: '' };

  it('reads one number however it is written', () => {
    expect(phonesStanding(phones, { mobilePhone: '+33 6 12 34 56 78', homePhone: '' })).toBe('same');
    expect(phonesStanding(phones, { mobilePhone: '06.12.34.56.78', homePhone: ' ' })).toBe('same');
    expect(phonesStanding(phones, { mobilePhone: '0033612345678', homePhone: '' })).toBe('same');
  });

  it('says whether there is a file, which side has no phone, and whether both agree', () => {
    expect(phonesStanding(phones, null)).toBe('no-file');
    expect(phonesStanding(phones, { mobilePhone: '', homePhone: '' })).toBe('file-empty');
    expect(phonesStanding({ mobilePhone: '', homePhone: '' }, { mobilePhone: '06 98 76 54 32', homePhone: '' })).toBe(
      'profile-empty',
    );
    expect(phonesStanding(phones, { mobilePhone: '06 12 34 56 78', homePhone: '01 39 00 00 00' })).toBe('different');
    expect(phonesStanding(phones, { mobilePhone: '06 98 76 54 32', homePhone: '' })).toBe('different');
  });
});

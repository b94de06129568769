/**
 * « Profil »: the contact details a parent keeps on their account (the address given at sign-up and
 * the phones), and how that address stands beside the household's address in the family file. The
 * e-mail is not among them: it is also a login, changed in « Identifiants » with the current password
 * and a link sent to the new address (SECURITY.md).
 */
export const PROFILE_FIELDS = ['street', 'streetComplement', 'postcode', 'city', 'mobilePhone', 'homePhone'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValues = Record<ProfileField, string>;

/** Each field as the form and the journal name it. */
export const PROFILE_FIELD_LABELS: Record<ProfileField, string> = {
  street: 'Numéro et voie',
  streetComplement: 'Complément d’adresse',
  postcode: 'Code postal',
  city: 'Commune',
  mobilePhone: 'Téléphone portable',
  homePhone: 'Téléphone fixe',
};

export interface PostalAddress {
  street: string;
  streetComplement: string;
  postcode: string;
  city: string;
}

/** The fields whose value differs, in the form's order: what a change writes and what the journal names. */
export function changedProfileFields(current: ProfileValues, next: ProfileValues): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => current[field].trim() !== next[field].trim());
}

// « 2 rue des  Chariots » and « 2 Rue des Chariots » are one address: case and spaces do not count.
const folded = (text: string) => text.trim().replace(/\s+/g, ' ').toLocaleLowerCase('fr-FR');

export function sameAddress(a: PostalAddress, b: PostalAddress): boolean {
  return (
    folded(a.street) === folded(b.street) &&
    folded(a.streetComplement) === folded(b.streetComplement) &&
    folded(a.postcode).replace(/ /g, '') === folded(b.postcode).replace(/ /g, '') &&
    folded(a.city) === folded(b.city)
  );
}

/** An address a letter can reach: a street, a postcode and a town. */
export function isComplete(address: PostalAddress): boolean {
  return [address.street, address.postcode, address.city].every((part) => part.trim() !== '');
}

/**
 * How the profile's address stands beside the family file's, which the commune uses (invoices, the
 * fiscal attestation, letters):
 * - `no-file`: the account is not linked to a family file; the profile's address is the only one;
 * - `same`: both say the same;
 * - `file-empty`: the file has no address yet; the profile's may be proposed for it;
 * - `different`: each may be copied into the other.
 */
export type AddressStanding = 'no-file' | 'same' | 'file-empty' | 'different';

export function addressStanding(profile: PostalAddress, file: PostalAddress | null): AddressStanding {
  if (!file) return 'no-file';
  if (!isComplete(file)) return 'file-empty';
  return sameAddress(profile, file) ? 'same' : 'different';
}

/** A profile's phones, and the family file's as they map onto them (the file's « portable » and « fixe »). */
export interface Phones {
  mobilePhone: string;
  homePhone: string;
}

// « 06 12 34 56 78 », « 06.12.34.56.78 » and « +33 6 12 34 56 78 » are one number: its national digits.
function phoneDigits(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.startsWith('0033')) return `0${digits.slice(4)}`;
  return phone.trim().startsWith('+33') ? `0${digits.slice(2)}` : digits;
}

const hasPhone = (phones: Phones) => phones.mobilePhone.trim() !== '' || phones.homePhone.trim() !== '';

/**
 * How the profile's phones stand beside the family file's, the ones the guichet unique calls and finds
 * a family by:
 * - `no-file`: the account is not linked to a family file;
 * - `same`: both give the same numbers, however written;
 * - `file-empty`: the file has none; the profile's may be proposed for it;
 * - `profile-empty`: the profile has none; the file's may be copied into it;
 * - `different`: each may be copied into the other.
 */
export type PhonesStanding = 'no-file' | 'same' | 'file-empty' | 'profile-empty' | 'different';

export function phonesStanding(profile: Phones, file: Phones | null): PhonesStanding {
  if (!file) return 'no-file';
  const same =
    phoneDigits(profile.mobilePhone) === phoneDigits(file.mobilePhone) &&
    phoneDigits(profile.homePhone) === phoneDigits(file.homePhone);
  if (same) return 'same';
  if (!hasPhone(file)) return 'file-empty';
  return hasPhone(profile) ? 'different' : 'profile-empty';
}

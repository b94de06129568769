/** A weekly slot of the guichet unique, e.g. { days: 'du lundi au vendredi', hours: '9h-12h / 13h30-18h' }. */
export interface OpeningHours {
  days: string;
  hours: string;
}

/** A text block of a commune: a heading and its paragraphs, rendered escaped (never raw HTML). */
export interface TextSection {
  heading?: string;
  paragraphs: string[];
}

export type AccessibilityStatus = 'non conforme' | 'partiellement conforme' | 'totalement conforme';

/** The guichet unique: the one desk where families meet the town hall. */
export interface Desk {
  name: string;
  street: string;
  postcode: string;
  city: string;
  phone: string;
  email: string;
  hours: OpeningHours[];
}

export interface Commune {
  id: string;
  slug: string;
  name: string;
  postcode: string;
  schoolZone: string;
  brandColor: string;
  mainSiteUrl: string;
  presentation: string[];
  accessibilityStatus: AccessibilityStatus;
  desk: Desk;
  logoMediaType: string | null;
  /** Changes whenever the commune's settings change: used to name cacheable assets such as the logo. */
  version: string;
}

/** The texts a commune writes, each published at its own address. */
export const communeTextKinds = [
  'mentions-legales',
  'conditions-generales-d-utilisation',
  'accessibilite',
  'aide',
  'reperes',
] as const;
export type CommuneTextKind = (typeof communeTextKinds)[number];

export interface CommuneText {
  kind: CommuneTextKind;
  title: string;
  sections: TextSection[];
  updatedAt: Date;
}

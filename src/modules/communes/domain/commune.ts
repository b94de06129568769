import type { OpeningHours, TextSection } from '../communesSchema.js';

export type { OpeningHours, TextSection };

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

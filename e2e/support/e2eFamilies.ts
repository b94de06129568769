/**
 * Family files the browser tests add to the demo, one per test that links an account: a Clé
 * Enfance links an adult once, and the demo has only two adults without an account (Sophie MARTIN
 * and Xavier DUPONT), too few for specs that run in parallel on one database. Each test below owns
 * its file; the demo's own families stay for the tests that only read them, and the agent's spec.
 */
export interface E2eFamily {
  reference: string;
  adult: { civility: 'madame' | 'monsieur'; firstName: string; lastName: string };
  members: { firstName: string; lastName: string; birthDate: string }[];
}

/** signup.spec.ts: the key typed in the sign-up form. */
export const signUpFamily: E2eFamily = {
  reference: 'F-2026-0901',
  adult: { civility: 'madame', firstName: 'Nadia', lastName: 'Benali' },
  members: [
    { firstName: 'Yanis', lastName: 'Benali', birthDate: '2016-03-11' },
    { firstName: 'Inès', lastName: 'Benali', birthDate: '2019-06-30' },
  ],
};

/** signup.spec.ts: the key typed later, from Mon espace > Clé Enfance. */
export const laterKeyFamily: E2eFamily = {
  reference: 'F-2026-0902',
  adult: { civility: 'monsieur', firstName: 'Thomas', lastName: 'Leroy' },
  members: [{ firstName: 'Jules', lastName: 'Leroy', birthDate: '2018-11-05' }],
};

export const e2eFamilies = [signUpFamily, laterKeyFamily];

/**
 * Family files whose représentant already has an active account linked to the file: the family
 * specs log straight in. Each spec owns one of them, so that none depends on another's changes.
 */
export interface E2eLinkedFamily {
  reference: string;
  address: { street: string; postcode: string; city: string };
  representative: {
    civility: 'madame' | 'monsieur';
    firstName: string;
    lastName: string;
    phone: string;
    username: string;
    email: string;
  };
  /** Without an account: the one Entourage invites (to the address on file, or to one typed when there is none). */
  coRepresentative?: { civility: 'madame' | 'monsieur'; firstName: string; lastName: string; email: string };
  members: { firstName: string; lastName: string; birthDate: string; allergies?: string; doctorName?: string }[];
  /** The services its children are enrolled in for 2026-2027, as after accepted inscriptions. */
  enrolledIn?: ('matin' | 'soir' | 'restauration' | 'mercredi' | 'vacances')[];
  /** Days its children are booked on, by service: the animateur's pointage expects them. */
  bookedOn?: { kind: 'matin' | 'soir' | 'restauration'; day: string }[];
}

/** The password of every account below: a sentence, as the sign-up form asks for. */
export const E2E_PASSWORD = 'Le héron guette au bord de l’étang';

const chanteloup = (street: string) => ({ street, postcode: '78570', city: 'Chanteloup-les-Vignes' });

/** family-address.spec.ts: the household moves; the guichet accepts the new address. */
export const movingFamily: E2eLinkedFamily = {
  reference: 'F-2026-0911',
  address: chanteloup('5 Rue du Moulin'),
  representative: {
    civility: 'madame',
    firstName: 'Manon',
    lastName: 'Girard',
    phone: '06 21 00 09 11',
    username: 'manon.girard',
    email: 'manon.girard@e2e.example.org',
  },
  members: [{ firstName: 'Lucas', lastName: 'Girard', birthDate: '2017-02-03' }],
};

/** co-representative.spec.ts: the représentant invites the co-représentante, who signs up with the mailed key. */
export const invitingFamily: E2eLinkedFamily = {
  reference: 'F-2026-0912',
  address: chanteloup('18 Rue de Poissy'),
  representative: {
    civility: 'monsieur',
    firstName: 'Karim',
    lastName: 'Haddad',
    phone: '06 21 00 09 12',
    username: 'karim.haddad',
    email: 'karim.haddad@e2e.example.org',
  },
  // No address in the file: the représentant types the one the invitation goes to.
  coRepresentative: { civility: 'madame', firstName: 'Lina', lastName: 'Haddad', email: '' },
  members: [{ firstName: 'Sami', lastName: 'Haddad', birthDate: '2016-09-21' }],
};

/** health-refusal.spec.ts: a change of the health notes, refused by the guichet with a message. */
export const healthFamily: E2eLinkedFamily = {
  reference: 'F-2026-0913',
  address: chanteloup('3 Allée des Tilleuls'),
  representative: {
    civility: 'madame',
    firstName: 'Claire',
    lastName: 'Fontaine',
    phone: '06 21 00 09 13',
    username: 'claire.fontaine',
    email: 'claire.fontaine@e2e.example.org',
  },
  members: [
    {
      firstName: 'Zoé',
      lastName: 'Fontaine',
      birthDate: '2018-04-12',
      allergies: 'Arachide',
      doctorName: 'Docteur Petit',
    },
  ],
};

/** keyboard-family.spec.ts: a phone changed in Coordonnées with the keyboard alone. */
export const keyboardFamily: E2eLinkedFamily = {
  reference: 'F-2026-0914',
  address: chanteloup('27 Rue Eugène Bourdillon'),
  representative: {
    civility: 'monsieur',
    firstName: 'Julien',
    lastName: 'Roche',
    phone: '06 21 00 09 14',
    username: 'julien.roche',
    email: 'julien.roche@e2e.example.org',
  },
  members: [{ firstName: 'Emma', lastName: 'Roche', birthDate: '2015-11-30' }],
};

/** family-narrow.spec.ts: the family and request pages at 320 px wide. */
export const narrowFamily: E2eLinkedFamily = {
  reference: 'F-2026-0915',
  address: chanteloup('9 Avenue de la Gare'),
  representative: {
    civility: 'madame',
    firstName: 'Sarah',
    lastName: 'Meunier',
    phone: '06 21 00 09 15',
    username: 'sarah.meunier',
    email: 'sarah.meunier@e2e.example.org',
  },
  members: [{ firstName: 'Noah', lastName: 'Meunier', birthDate: '2019-07-08', allergies: 'Kiwi' }],
};

/** family-no-script.spec.ts: « Ajouter un membre du foyer » in a browser without JavaScript. */
export const noScriptFamily: E2eLinkedFamily = {
  reference: 'F-2026-0916',
  address: chanteloup('41 Rue du Bois'),
  representative: {
    civility: 'monsieur',
    firstName: 'Paul',
    lastName: 'Lambert',
    phone: '06 21 00 09 16',
    username: 'paul.lambert',
    email: 'paul.lambert@e2e.example.org',
  },
  members: [{ firstName: 'Chloé', lastName: 'Lambert', birthDate: '2016-01-15' }],
};

/** keyboard-booking.spec.ts: a week of canteen booked with the keyboard alone. */
export const keyboardBookingFamily: E2eLinkedFamily = {
  reference: 'F-2026-0917',
  address: chanteloup('12 Rue des Pâquerettes'),
  representative: {
    civility: 'madame',
    firstName: 'Élodie',
    lastName: 'Perrin',
    phone: '06 21 00 09 17',
    username: 'elodie.perrin',
    email: 'elodie.perrin@e2e.example.org',
  },
  members: [{ firstName: 'Léon', lastName: 'Perrin', birthDate: '2017-06-02' }],
  enrolledIn: ['restauration', 'soir'],
  bookedOn: [{ kind: 'soir', day: '2026-11-17' }],
};

/** reservations-narrow.spec.ts: the reservation pages at 320 px wide, and without JavaScript. */
export const narrowBookingFamily: E2eLinkedFamily = {
  reference: 'F-2026-0918',
  address: chanteloup('6 Place de la Mairie'),
  representative: {
    civility: 'monsieur',
    firstName: 'Hugo',
    lastName: 'Vidal',
    phone: '06 21 00 09 18',
    username: 'hugo.vidal',
    email: 'hugo.vidal@e2e.example.org',
  },
  members: [{ firstName: 'Lou', lastName: 'Vidal', birthDate: '2018-02-14' }],
  enrolledIn: ['restauration', 'soir', 'mercredi', 'vacances'],
  bookedOn: [{ kind: 'soir', day: '2026-11-17' }],
};

/** documents.spec.ts: « Pièces justificatives », sent from a phone, checked at the guichet. */
export const documentsFamily: E2eLinkedFamily = {
  reference: 'F-2026-0919',
  address: chanteloup('12 rue des Justificatifs'),
  representative: {
    civility: 'madame',
    firstName: 'Aurélie',
    lastName: 'Perrin',
    phone: '06 21 00 09 19',
    username: 'aurelie.perrin',
    email: 'aurelie.perrin@e2e.example.org',
  },
  members: [{ firstName: 'Rémi', lastName: 'Perrin', birthDate: '2018-05-14' }],
  enrolledIn: ['mercredi'],
};

/** reservations-phone.spec.ts: a week of canteen booked and an absence reported on a phone, by touch. */
export const phoneBookingFamily: E2eLinkedFamily = {
  reference: 'F-2026-0925',
  address: chanteloup('3 Allée des Tilleuls'),
  representative: {
    civility: 'madame',
    firstName: 'Camille',
    lastName: 'Roux',
    phone: '06 21 00 09 25',
    username: 'camille.roux',
    email: 'camille.roux@e2e.example.org',
  },
  members: [{ firstName: 'Noé', lastName: 'Roux', birthDate: '2017-09-21' }],
  enrolledIn: ['restauration', 'soir'],
};

/**
 * payfip.spec.ts: an October invoice of its own, paid online in the PayFiP simulator. Its child was
 * under 6 on 1 January 2026, so the evenings paid make an attestation fiscale. The only October days
 * left to bill when the browser tests' app starts: e2eInvoicedFamilies below issues them.
 */
export const payfipFamily: E2eLinkedFamily = {
  reference: 'F-2026-0926',
  address: chanteloup('9 Rue des Cerisiers'),
  representative: {
    civility: 'madame',
    firstName: 'Aurélie',
    lastName: 'Marchand',
    phone: '06 21 00 09 26',
    username: 'aurelie.marchand',
    email: 'aurelie.marchand@e2e.example.org',
  },
  members: [{ firstName: 'Léna', lastName: 'Marchand', birthDate: '2021-03-15' }],
  enrolledIn: ['soir'],
  bookedOn: ['2026-10-06', '2026-10-08', '2026-10-13', '2026-10-15'].map((day) => ({ kind: 'soir' as const, day })),
};

/** profile.spec.ts: « Profil » changed by keyboard at 320 px, and the family file's address copied into it. */
export const profileFamily: E2eLinkedFamily = {
  reference: 'F-2026-0941',
  address: chanteloup('7 Rue des Vignes'),
  representative: {
    civility: 'madame',
    firstName: 'Maëlle',
    lastName: 'Guérin',
    phone: '06 21 00 09 41',
    username: 'maelle.guerin',
    email: 'maelle.guerin@e2e.example.org',
  },
  members: [{ firstName: 'Timéo', lastName: 'Guérin', birthDate: '2018-02-03' }],
};

export const e2eLinkedFamilies = [
  movingFamily,
  invitingFamily,
  healthFamily,
  keyboardFamily,
  narrowFamily,
  noScriptFamily,
  keyboardBookingFamily,
  narrowBookingFamily,
  documentsFamily,
  phoneBookingFamily,
  payfipFamily,
  profileFamily,
];

/** The month billed and issued when the app starts, for the families above whose days fall in it. */
export const E2E_INVOICED_MONTH = '2026-10';
/** The families whose invoice of that month the start issues: each spec that pays one owns its file. */
export const e2eInvoicedFamilies = [payfipFamily];

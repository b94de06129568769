import type { NewCommune } from '../modules/communes/communesRepository.js';
import type { CommuneText } from '../modules/communes/domain/commune.js';
import type { LocalDay } from '../shared/localDays.js';
import { holidayWorkshopsLine } from './demoNews.js';

type SeedText = Omit<CommuneText, 'updatedAt'>;

const logo = (fill: string, letter: string) =>
  new TextEncoder().encode(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48"><circle cx="24" cy="24" r="23" fill="${fill}" stroke="#fff" stroke-width="2"/><text x="24" y="32" font-family="sans-serif" font-size="24" font-weight="700" text-anchor="middle" fill="#fff">${letter}</text></svg>`,
  );

function helpText(communeName: string): SeedText {
  return {
    kind: 'aide',
    title: 'Aide',
    sections: [
      {
        heading: 'Comment créer mon espace ?',
        paragraphs: [
          'Une adresse électronique est obligatoire : elle sert à activer votre espace et à recevoir les réponses de la mairie.',
          'Renseignez votre identité, votre adresse et vos moyens de contact, puis choisissez un identifiant et un mot de passe.',
          'Complétez votre espace le plus possible : ces informations seront reprises dans vos demandes suivantes.',
          'Numérisez les pièces justificatives demandées (justificatif de domicile, attestation de quotient familial…) : elles sont conservées dans votre espace et réutilisées.',
        ],
      },
      {
        heading: 'Les délais de réservation',
        paragraphs: [
          `À ${communeName}, les réservations et annulations de l'accueil du matin et du soir, de la restauration scolaire et du mercredi se font au plus tard 15 jours avant le jour concerné ; celles des activités vacances, 4 semaines avant le premier jour de la session, sous peine d'une éventuelle majoration.`,
        ],
      },
    ],
  };
}

function keyFactsText(): SeedText {
  return {
    kind: 'reperes',
    title: 'Repères',
    sections: [
      {
        paragraphs: [
          "Réservations de rentrée ouvertes jusqu'au 30 septembre.",
          'Accueil du matin, du soir, restauration et mercredi : 15 jours à l’avance.',
          'Activités vacances : 4 semaines avant le premier jour de la session.',
          "Absence pour maladie : à signaler jusqu'au jour même, 9 h.",
        ],
      },
    ],
  };
}

function legalTexts(
  commune: { name: string; street: string; city: string; postcode: string; email: string; director: string },
  status: string,
): SeedText[] {
  return [
    {
      kind: 'mentions-legales',
      title: 'Mentions légales',
      sections: [
        {
          heading: 'Éditeur',
          paragraphs: [
            `Commune de ${commune.name}, ${commune.street}, ${commune.postcode} ${commune.city}. Courriel : ${commune.email}.`,
            `Directeur de la publication : ${commune.director}.`,
          ],
        },
        { heading: 'Hébergement', paragraphs: ['Le service est hébergé en France pour le compte de la commune.'] },
        {
          heading: 'Données personnelles',
          paragraphs: [
            "Les données collectées servent à la gestion des services à l'enfance et des démarches des familles (mission d'intérêt public, article 6-1-e du RGPD). Elles ne sont communiquées qu'aux agents habilités de la commune.",
            `Vous pouvez accéder à vos données, les faire rectifier ou en demander la limitation en écrivant à ${commune.email}. Vous pouvez saisir la CNIL (www.cnil.fr).`,
          ],
        },
        { heading: 'Logiciel', paragraphs: ['Cet espace citoyens utilise Parvis, logiciel libre.'] },
      ],
    },
    {
      kind: 'conditions-generales-d-utilisation',
      title: "Conditions générales d'utilisation",
      sections: [
        {
          heading: 'Objet',
          paragraphs: [
            "L'espace citoyens permet aux familles de réaliser en ligne leurs démarches auprès de la commune : inscriptions, réservations, absences, suivi des demandes, pièces justificatives et paiement des factures.",
          ],
        },
        {
          heading: 'Compte',
          paragraphs: [
            "L'ouverture d'un espace est gratuite. Vous êtes responsable de la confidentialité de votre mot de passe et de l'exactitude des informations saisies.",
            'La Clé Enfance remise par la mairie est personnelle : elle relie votre compte au dossier de votre famille.',
          ],
        },
        {
          heading: 'Réservations',
          paragraphs: [
            'Les réservations sont soumises aux délais et aux tarifs votés par le conseil municipal. Toute réservation après le délai peut entraîner une majoration, annoncée avant confirmation.',
          ],
        },
      ],
    },
    {
      kind: 'accessibilite',
      title: 'Déclaration d’accessibilité',
      sections: [
        {
          paragraphs: [
            `La commune de ${commune.name} s'engage à rendre son espace citoyens accessible conformément à l'article 47 de la loi n° 2005-102 du 11 février 2005.`,
          ],
        },
        {
          heading: 'État de conformité',
          paragraphs: [
            `L'espace citoyens est ${status} avec le référentiel général d'amélioration de l'accessibilité (RGAA), version 4.1.`,
          ],
        },
        {
          heading: 'Retour d’information et contact',
          paragraphs: [
            `Si vous ne parvenez pas à accéder à un contenu ou à un service, écrivez à ${commune.email} : une alternative accessible vous sera proposée.`,
          ],
        },
        {
          heading: 'Voies de recours',
          paragraphs: [
            "Si vous n'obtenez pas de réponse satisfaisante, vous pouvez écrire au Défenseur des droits (formulaire en ligne ou courrier gratuit : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07).",
          ],
        },
      ],
    },
  ];
}

export interface DemoCommune {
  commune: NewCommune;
  /** Its public texts, written on the demo's day (a date they name is never past). */
  texts: (today: LocalDay) => SeedText[];
}

export const chanteloup: DemoCommune = {
  commune: {
    slug: 'chanteloup-les-vignes',
    name: 'Chanteloup-les-Vignes',
    postcode: '78570',
    schoolZone: 'C',
    brandColor: '#7a1f5c',
    mainSiteUrl: 'https://www.chanteloup-les-vignes.fr/',
    presentation: [
      "Inscrivez vos enfants, réservez l'accueil du matin et du soir, la restauration scolaire, le mercredi et les activités vacances, suivez vos demandes et payez vos factures, 24 h/24, depuis votre téléphone, votre tablette ou votre ordinateur.",
      'Le guichet unique de la mairie reste à votre écoute pour vous accompagner.',
    ],
    accessibilityStatus: 'partiellement conforme',
    desk: {
      name: 'Guichet unique — Espace Victor Hugo',
      street: '18 avenue de Poissy',
      postcode: '78570',
      city: 'Chanteloup-les-Vignes',
      phone: '01 39 74 29 12',
      email: 'guichet-unique@chanteloup-les-vignes.example.org',
      hours: [{ days: 'Du lundi au vendredi', hours: '9h-12h / 13h30-18h' }],
    },
    logo: { mediaType: 'image/svg+xml', bytes: logo('#7a1f5c', 'C') },
  },
  texts: () => [
    helpText('Chanteloup-les-Vignes'),
    keyFactsText(),
    ...legalTexts(
      {
        name: 'Chanteloup-les-Vignes',
        street: 'Hôtel de ville, place de la Mairie',
        city: 'Chanteloup-les-Vignes',
        postcode: '78570',
        email: 'guichet-unique@chanteloup-les-vignes.example.org',
        director: 'le maire de Chanteloup-les-Vignes',
      },
      'partiellement conforme',
    ),
  ],
};

/** A fictional commune with other colours, texts and contact: shows branding and isolation. */
export const belrive: DemoCommune = {
  commune: {
    slug: 'belrive-sur-oise',
    name: 'Belrive-sur-Oise',
    postcode: '95999',
    schoolZone: 'C',
    // A light yellow: the design system keeps it for the header band and uses its own accent on white.
    brandColor: '#f2c230',
    mainSiteUrl: 'https://belrive-sur-oise.example.org/',
    presentation: [
      'Bienvenue sur le portail famille de Belrive-sur-Oise : cantine, garderie, centre de loisirs et stages des vacances, tout se réserve ici.',
    ],
    accessibilityStatus: 'totalement conforme',
    desk: {
      name: 'Maison des familles',
      street: '3 quai des Mariniers',
      postcode: '95999',
      city: 'Belrive-sur-Oise',
      phone: '01 30 00 00 95',
      email: 'familles@belrive-sur-oise.example.org',
      hours: [
        { days: 'Lundi, mardi, jeudi et vendredi', hours: '8h30-12h / 14h-17h30' },
        { days: 'Mercredi', hours: '8h30-12h' },
        { days: 'Samedi', hours: '9h-12h (sauf vacances scolaires)' },
      ],
    },
    logo: { mediaType: 'image/svg+xml', bytes: logo('#1b5e20', 'B') },
  },
  // Its « Repères » name holidays whose bookings are still open on the demo's day.
  texts: (today) => [
    helpText('Belrive-sur-Oise'),
    {
      kind: 'reperes',
      title: 'Repères',
      sections: [
        {
          paragraphs: [holidayWorkshopsLine(today), 'Réservations : 15 jours à l’avance.'],
        },
      ],
    },
    ...legalTexts(
      {
        name: 'Belrive-sur-Oise',
        street: '1 place de la République',
        city: 'Belrive-sur-Oise',
        postcode: '95999',
        email: 'familles@belrive-sur-oise.example.org',
        director: 'la maire de Belrive-sur-Oise',
      },
      'totalement conforme',
    ),
  ],
};

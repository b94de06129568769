import type { Commune, TextSection } from '../domain/commune.js';

export interface Guide {
  title: string;
  intro: string;
  chapters: { title: string; sections: TextSection[] }[];
}

/**
 * « Mode d'emploi de votre espace citoyens »: one source for the page and the PDF, so that they
 * never say different things. The deadlines are the product's defaults (shared/reference/DEADLINES.md)
 * until each service carries its own settings.
 */
export function guideFor(commune: Commune): Guide {
  const desk = commune.desk;
  const hours = desk.hours.map((slot) => `${slot.days} : ${slot.hours}`).join(' ; ');
  return {
    title: "Mode d'emploi de votre espace citoyens",
    intro: `L'espace citoyens de ${commune.name} vous permet de faire en ligne, à toute heure, vos démarches auprès de la mairie : inscrire vos enfants aux services périscolaires, réserver, signaler une absence, suivre vos demandes et payer vos factures.`,
    chapters: [
      {
        title: '1. Créer mon espace',
        sections: [
          {
            paragraphs: [
              "Sur la page d'accueil, choisissez « Créer mon espace ». Une adresse électronique est obligatoire : un lien d'activation vous y est envoyé, valable 48 heures.",
              'Renseignez votre identité, votre adresse et vos moyens de contact, puis choisissez votre identifiant et votre mot de passe (12 caractères au moins). Plus vous complétez votre espace, moins vous aurez à ressaisir lors de vos démarches.',
              'Si la mairie vous a remis une Clé Enfance, saisissez-la à la création ou plus tard depuis « Mon espace » : elle relie votre compte au dossier de votre famille et ouvre toutes les démarches famille.',
            ],
          },
        ],
      },
      {
        title: '2. Les rubriques de votre espace',
        sections: [
          {
            heading: 'Mon accueil',
            paragraphs: [
              'Votre page après connexion : la date de votre dernière connexion et les messages de la mairie.',
            ],
          },
          {
            heading: 'Mon espace',
            paragraphs: [
              'Votre profil, vos identifiants (identifiant, courriel, mot de passe) et votre entourage : le co-représentant et les membres du foyer.',
            ],
          },
          {
            heading: 'Mon tableau de bord',
            paragraphs: [
              'Vos dernières demandes et leur avancement, vos factures à consulter, télécharger et payer en ligne, vos pièces justificatives conservées de façon sécurisée, et vos coordonnées.',
            ],
          },
          {
            heading: 'Ma famille',
            paragraphs: [
              'Modifier les réservations, créer une inscription, signaler une absence et les autres démarches. Chaque enfant a sa page et son agenda des activités.',
            ],
          },
        ],
      },
      {
        title: '3. Réserver : les délais',
        sections: [
          {
            paragraphs: [
              "Accueil du matin, accueil du soir, restauration scolaire et accueil de loisirs du mercredi : réservation, modification ou annulation au plus tard 15 jours avant le jour concerné, jusqu'à 23 h 59.",
              "Activités vacances : au plus tard 4 semaines avant le premier jour de la session. Les places sont limitées ; une session complète propose une liste d'attente.",
              "À la rentrée, les réservations de l'année scolaire sont ouvertes sans délai jusqu'au 30 septembre inclus.",
              "Après le délai, une réservation reste possible jusqu'à la veille à 10 h, sous peine d'une majoration affichée avant de confirmer. Une annulation tardive reste facturée, sauf absence justifiée.",
              "Une absence pour maladie peut être signalée jusqu'au jour même à 9 h ; elle est justifiée sur présentation d'un certificat médical.",
              'Chaque jour réservable indique jusqu’à quand il est modifiable.',
            ],
          },
        ],
      },
      {
        title: '4. Besoin d’aide ?',
        sections: [
          {
            paragraphs: [
              `Le guichet unique de la mairie vous accueille : ${desk.name}, ${desk.street}, ${desk.postcode} ${desk.city}.`,
              `Téléphone : ${desk.phone}. Courriel : ${desk.email}.`,
              `Horaires : ${hours}.`,
            ],
          },
        ],
      },
    ],
  };
}

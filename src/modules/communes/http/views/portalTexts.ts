import type { TextSection } from '../../domain/commune.js';

/** The deployment's own texts, for the pages that belong to no commune (the directory, a 404). */
export const portalTexts: Record<'mentions-legales' | 'accessibilite', { title: string; sections: TextSection[] }> = {
  'mentions-legales': {
    title: 'Mentions légales',
    sections: [
      {
        paragraphs: [
          'Ce portail rassemble les espaces citoyens de plusieurs communes. Chaque commune est responsable de son espace et de ses données : ses mentions légales figurent en bas de chacune de ses pages.',
          'Le portail utilise Parvis, logiciel libre. Aucun cookie de mesure d’audience ni contenu tiers n’est chargé.',
        ],
      },
    ],
  },
  accessibilite: {
    title: 'Déclaration d’accessibilité',
    sections: [
      {
        paragraphs: [
          'Ce portail vise la conformité au référentiel général d’amélioration de l’accessibilité (RGAA 4.1). Chaque commune publie la déclaration d’accessibilité de son espace citoyens, en bas de ses pages.',
        ],
      },
      {
        heading: 'État de conformité',
        paragraphs: [
          'Le portail est partiellement conforme : chaque page est vérifiée automatiquement (critères WCAG 2.1 A et AA), au clavier et sur un écran de 320 pixels de large ; un audit complet reste à réaliser.',
        ],
      },
      {
        heading: 'Voies de recours',
        paragraphs: [
          'Si vous rencontrez un défaut d’accessibilité qui vous empêche d’accéder à un contenu, contactez la mairie de votre commune. Vous pouvez aussi saisir le Défenseur des droits.',
        ],
      },
    ],
  },
};

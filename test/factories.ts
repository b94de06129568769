import { randomBytes } from 'node:crypto';
import type { CommunesService } from '../src/modules/communes/communesService.js';
import type { NewCommune } from '../src/modules/communes/communesRepository.js';
import type { CommuneText } from '../src/modules/communes/domain/commune.js';

/** A commune of its own for each test: tests run in parallel on one database without meeting. */
export async function createCommune(
  communes: CommunesService,
  overrides: Partial<NewCommune> = {},
  texts: Omit<CommuneText, 'updatedAt'>[] = defaultTexts(),
) {
  const id = randomBytes(5).toString('hex');
  return communes.addCommune(
    {
      slug: `commune-${id}`,
      name: `Commune ${id}`,
      postcode: '78000',
      schoolZone: 'C',
      brandColor: '#00558c',
      mainSiteUrl: `https://commune-${id}.example.org/`,
      presentation: [`Présentation de la commune ${id}.`],
      accessibilityStatus: 'partiellement conforme',
      desk: {
        name: `Guichet unique ${id}`,
        street: '1 rue de la Mairie',
        postcode: '78000',
        city: `Commune ${id}`,
        phone: '01 23 45 67 89',
        email: `guichet@commune-${id}.example.org`,
        hours: [{ days: 'Du lundi au vendredi', hours: '9h-12h' }],
      },
      ...overrides,
    },
    texts,
  );
}

export function defaultTexts(marker = 'texte'): Omit<CommuneText, 'updatedAt'>[] {
  return [
    { kind: 'aide', title: 'Aide', sections: [{ heading: 'Comment faire ?', paragraphs: [`Aide ${marker}.`] }] },
    { kind: 'reperes', title: 'Repères', sections: [{ paragraphs: [`Repère ${marker}.`] }] },
    { kind: 'mentions-legales', title: 'Mentions légales', sections: [{ paragraphs: [`Mentions ${marker}.`] }] },
    {
      kind: 'conditions-generales-d-utilisation',
      title: "Conditions générales d'utilisation",
      sections: [{ paragraphs: [`CGU ${marker}.`] }],
    },
    {
      kind: 'accessibilite',
      title: 'Déclaration d’accessibilité',
      sections: [{ paragraphs: [`Accessibilité ${marker}.`] }],
    },
  ];
}

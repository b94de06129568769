import { taggedPdf } from '../../platform/pdf/taggedPdf.js';
import { formatEuros } from '../../shared/money.js';
import { born } from '../../shared/words.js';
import { formatDay, formatShortDay, localInstant } from '../../shared/localDays.js';
import type { FiscalAttestationView } from './fiscalAttestationView.js';

/** What is counted, in the words the attestation and its page both use (ADR 0018). */
export function countedWords(year: number): string {
  return (
    `Sont comptés les paiements reçus du 1er janvier au 31 décembre ${year}, hors paiements annulés, pour la part ` +
    'des factures qui paie la garde de l’enfant : accueil périscolaire, accueil de loisirs, et encadrement de la ' +
    'pause méridienne lorsque la facture le distingue du repas ; avoirs déduits. Ne sont pas comptés : les repas, ' +
    'les majorations pour réservation tardive, les annulations tardives.'
  );
}

/**
 * The attestation fiscale as a tagged PDF in French, like the invoice's: headings and paragraphs in
 * the structure tree, the document's language and title. Deterministic: its dates are the day of issue,
 * nothing reads the clock, so the same attestation on the same day gives the same bytes.
 */
export async function fiscalAttestationPdf(view: FiscalAttestationView): Promise<Buffer> {
  const issuedAt = localInstant(view.issuedOn, '00:00');
  const { block, done } = await taggedPdf({
    margin: 50,
    info: {
      title: `Attestation fiscale ${view.year} — ${view.child.name} — ${view.issuer.communeName}`,
      author: `Commune de ${view.issuer.communeName}`,
      subject: `Frais de garde d’un enfant de moins de 6 ans payés en ${view.year}`,
      createdAt: issuedAt,
      modifiedAt: issuedAt,
    },
    text: { size: 10.5, gap: 5 },
  });

  const { issuer, family, child, year } = view;
  const { desk } = issuer;
  block('H1', `Attestation fiscale ${year}`, true, 18, 4);
  block(
    'P',
    'Frais de garde d’un enfant de moins de 6 ans (article 200 quater B du code général des impôts)',
    false,
    11,
    8,
  );

  block('H2', 'Le prestataire', true, 13, 4);
  block(
    'P',
    [
      `Commune de ${issuer.communeName} — ${issuer.regie}`,
      desk.name,
      desk.street,
      `${desk.postcode} ${desk.city}`,
      `Téléphone : ${desk.phone} — Courriel : ${desk.email}`,
    ].join('\n'),
  );

  block('H2', 'L’enfant', true, 13, 4);
  block('P', `${child.name}, ${born(child.sex)} le ${formatShortDay(child.birthDate)}.`);
  block('P', [`Famille : dossier ${family.reference}`, family.representative, ...family.addressLines].join('\n'));

  block('H2', `Montant payé en ${year}`, true, 13, 4);
  block('P', `Montant payé en ${year} pour la garde de l’enfant : ${formatEuros(view.paidCents)}.`, true, 12);
  if (view.cesuCents > 0) {
    block(
      'P',
      `Dont ${formatEuros(view.cesuCents)} payés en CESU : la part financée par un employeur est une aide, à déduire de ce montant sur la déclaration.`,
    );
  }
  block('H2', 'Ce qui est compté', true, 13, 4);
  block('P', countedWords(year));
  block(
    'P',
    'Le montant est celui qui a été payé ; le plafond des dépenses retenues (3 500 € par enfant, la moitié en cas de résidence alternée) s’applique sur la déclaration de revenus.',
  );

  block('H2', 'Délivrance', true, 13, 4);
  block('P', `Attestation délivrée le ${formatDay(view.issuedOn)}.`);
  block('P', `${issuer.responsible.name}, ${issuer.responsible.position}.`);

  return done();
}

import { formatShortDay } from '../../../shared/localDays.js';
import { formatEuros } from '../../../shared/money.js';
import { born } from '../../../shared/words.js';
import type { AttestationYear } from '../fiscalAttestationView.js';
import { countedWords } from '../fiscalAttestationPdf.js';

/**
 * The years of the attestation fiscale, each with its eligible children, what was paid for their care
 * and the link to the PDF; when a year has nothing to attest, why. The family's page and the desk's
 * show the same list, each with its own addresses.
 */
export function AttestationYears({
  years,
  pdf,
  whose,
}: {
  years: AttestationYear[];
  pdf: (year: number, memberId: string) => string;
  /** Whether the sentences speak to the family (« votre famille ») or of it, at the desk. */
  whose: 'family' | 'desk';
}) {
  return (
    <>
      {years.map(({ year, children, nothingBecause }) => (
        <section key={year} aria-labelledby={`annee-${year}`} class="file-section">
          <h2 id={`annee-${year}`}>Année {year}</h2>
          {nothingBecause === 'no-child-under-six' ? (
            <p>
              Pas d’attestation pour {year} : aucun enfant {whose === 'family' ? 'de votre famille ' : 'de la famille '}
              n’avait moins de 6 ans au 1er janvier {year}. Le crédit d’impôt pour frais de garde ne concerne que les
              enfants de moins de 6 ans au 1er janvier de l’année.
            </p>
          ) : null}
          {nothingBecause === 'nothing-paid' ? (
            <p>
              Pas d’attestation pour {year} : rien n’a été payé en {year} pour la garde{' '}
              {children.length === 1 ? `de ${children[0]!.childName}` : 'des enfants de moins de 6 ans'}.
            </p>
          ) : null}
          {nothingBecause === null ? (
            <>
              <p>{countedWords(year)}</p>
              <ul>
                {children.map((child) =>
                  child.paidCents > 0 ? (
                    <li key={child.memberId}>
                      {child.childName}, {born(child.sex)} le {formatShortDay(child.birthDate)} :{' '}
                      {formatEuros(child.paidCents)} payés en {year}.{' '}
                      <a href={pdf(year, child.memberId)} download>
                        Attestation fiscale {year} de {child.childName} (PDF)
                      </a>
                    </li>
                  ) : (
                    <li key={child.memberId}>
                      {child.childName} : rien n’a été payé en {year} pour sa garde.
                    </li>
                  ),
                )}
              </ul>
            </>
          ) : null}
        </section>
      ))}
    </>
  );
}

import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import type { AttestationYear } from '../../../fiscalAttestationView.js';
import { AttestationYears } from '../../fiscalAttestationParts.js';
import { attestationPaths } from '../../fiscalAttestationPaths.js';
import { invoicePaths } from '../../paymentPaths.js';

/** « Attestation fiscale »: per year, what was paid for the care of each child under 6, and its PDF. */
export function FiscalAttestationsPage({ context, years }: { context: PageContext; years: AttestationYear[] }) {
  const commune = context.commune!;
  const paths = attestationPaths(commune);
  return (
    <Layout context={context} title="Attestation fiscale">
      <h1>Attestation fiscale</h1>
      <p>
        Les frais de garde d’un enfant de moins de 6 ans au 1er janvier ouvrent droit à un crédit d’impôt. Au printemps,
        déclarez ce que vous avez payé l’année précédente : l’attestation de chaque année et de chaque enfant est ici, à
        tout moment.
      </p>
      <AttestationYears years={years} pdf={paths.pdf} whose="family" />
      <p>
        <a href={invoicePaths(commune).list}>Retour à mes factures</a>
      </p>
    </Layout>
  );
}

import { FamilyFileTrail } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import type { AttestationYear } from '../../../fiscalAttestationView.js';
import { AttestationYears } from '../../fiscalAttestationParts.js';
import { deskAttestationPaths } from '../../fiscalAttestationPaths.js';
import { deskPaymentPaths } from '../../paymentPaths.js';

/** A family's attestations fiscales at the desk: the same years as the family's page; each PDF produced is audited. */
export function DeskFiscalAttestationsPage({
  context,
  familyId,
  familyName,
  years,
}: {
  context: PageContext;
  familyId: string;
  familyName: string;
  years: AttestationYear[];
}) {
  const commune = context.commune!;
  const paths = deskAttestationPaths(commune);
  return (
    <Layout context={context} title={`Attestations fiscales — ${familyName}`}>
      <FamilyFileTrail
        commune={commune}
        familyId={familyId}
        file={familyName}
        between={[{ href: deskPaymentPaths(commune).payments(familyId), label: 'Factures et paiements' }]}
        current="Attestations fiscales"
      />
      <h1>Attestations fiscales : {familyName}</h1>
      <p>
        L’attestation de frais de garde d’un enfant de moins de 6 ans au 1er janvier, telle que la famille la télécharge
        dans « Mes factures ». Chaque attestation produite ici est inscrite au journal.
      </p>
      <AttestationYears years={years} pdf={(year, memberId) => paths.pdf(familyId, year, memberId)} whose="desk" />
      <p>
        <a href={deskPaymentPaths(commune).payments(familyId)}>Retour aux factures et paiements de la famille</a>
      </p>
    </Layout>
  );
}

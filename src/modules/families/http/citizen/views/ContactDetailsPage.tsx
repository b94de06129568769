import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import type { FamilyAdult, FamilyFile } from '../../../familiesRepository.js';
import type { PendingChange } from '../../../familyFileService.js';
import type { FileNotice } from '../../groupEditing.js';
import { EditLink, GroupFacts } from '../../fileViewParts.js';
import { FileNoticeBox } from './fileParts.js';

export interface ContactDetailsProps {
  context: PageContext;
  family: FamilyFile['family'];
  adult: FamilyAdult;
  pendingAddress: PendingChange | null;
  pendingContact: PendingChange | null;
  notice: FileNotice | null;
}

/** « Coordonnées » of Mon tableau de bord: the household's address and the parent's own phones and e-mail, as the family file holds them. */
export function ContactDetailsPage({
  context,
  family,
  adult,
  pendingAddress,
  pendingContact,
  notice,
}: ContactDetailsProps) {
  const commune = context.commune!;
  const paths = communePaths(commune);
  return (
    <Layout context={context} title="Coordonnées">
      <p>
        <a href={paths.dashboard}>Retour à Mon tableau de bord</a>
      </p>
      <h1>Coordonnées</h1>
      <FileNoticeBox commune={commune} notice={notice} />
      <p>
        Les coordonnées que le guichet unique utilise pour votre famille. Celles de votre compte (identifiant, e-mail de
        connexion) se changent dans Mon espace.
      </p>
      <section class="file-section" aria-labelledby="rubrique-adresse">
        <h2 id="rubrique-adresse">Adresse du foyer</h2>
        <p>
          C’est l’adresse que portent les factures, l’attestation fiscale et les courriers du guichet unique. Votre{' '}
          <a href={paths.mySpace}>profil</a> la montre à côté de l’adresse donnée en créant votre espace, et permet de
          reprendre l’une dans l’autre.
        </p>
        <GroupFacts
          requestHref={communePaths(commune).request}
          group="address"
          values={family}
          pending={pendingAddress}
        />
        <EditLink href={`${paths.contactDetails}/modifier/address`} label="Adresse du foyer" />
      </section>
      <section class="file-section" aria-labelledby="rubrique-contact">
        <h2 id="rubrique-contact">Vos téléphones et e-mail</h2>
        <GroupFacts
          requestHref={communePaths(commune).request}
          group="contact"
          values={adult}
          pending={pendingContact}
        />
        <EditLink href={`${paths.contactDetails}/modifier/contact`} label="Vos téléphones et e-mail" />
      </section>
    </Layout>
  );
}

import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { DeskContact } from '../../../../communes/http/views/DeskContact.js';

/** Why the family areas are empty, and how to get a Clé Enfance: from the guichet unique. */
export function NoFamilyNotice({ context }: { context: PageContext }) {
  const commune = context.commune!;
  return (
    <div class="notice">
      <p>
        Votre espace n'est pas encore relié à un dossier famille : les réservations, les inscriptions et les factures de
        vos enfants ne peuvent pas encore s'afficher.
      </p>
      <p>
        Pour le relier, saisissez la <a href={communePaths(commune).childKey}>Clé Enfance</a> que le guichet unique vous
        a remise. Vous n'en avez pas, ou vous l'avez perdue ? Le guichet unique vous en remet une :
      </p>
      <DeskContact desk={commune.desk} />
    </div>
  );
}

import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { formatLocalDate } from '../../../../../shared/dates.js';
import type { Family, FamilyAdult } from '../../../../families/familiesRepository.js';
import { FamilyFileTrail, Notice, personName } from '../../../../../doors/agent/views/deskParts.js';

const civilities: Record<string, string> = { madame: 'Madame', monsieur: 'Monsieur' };

/**
 * The key, shown this once, laid out to be printed and handed to the family: the page's print
 * styles leave only this sheet on paper.
 */
export function ChildKeyPrintPage({
  context,
  family,
  adult,
  key,
  portal,
}: {
  context: PageContext;
  family: Family;
  adult: FamilyAdult;
  key: string;
  portal: string;
}) {
  const holder = `${civilities[adult.civility] ?? ''} ${personName(adult)}`.trim();
  return (
    <Layout context={context} title={`Clé Enfance de ${holder}`}>
      <div class="no-print">
        <FamilyFileTrail
          commune={context.commune!}
          familyId={family.id}
          file={family.reference}
          current="Clé Enfance"
        />
        <Notice kind="info">
          <p>
            Cette clé est affichée <strong>une seule fois</strong>. Imprimez cette page (commande Imprimer du
            navigateur, Ctrl+P) ou recopiez la clé maintenant. En cas de perte, émettez-en une nouvelle : celle-ci
            cessera alors de fonctionner.
          </p>
        </Notice>
      </div>
      <h1>Clé Enfance</h1>
      <dl class="facts">
        <dt>Dossier famille</dt>
        <dd>{family.reference}</dd>
        <dt>Pour</dt>
        <dd>{holder}</dd>
        <dt>Remise le</dt>
        <dd>{formatLocalDate(context.now)}</dd>
      </dl>
      <p class="child-key">{key}</p>
      <h2>Comment utiliser votre Clé Enfance</h2>
      <ol>
        <li>
          Rendez-vous sur <strong>{portal}</strong>, rubrique « Créer mon espace » si vous n'avez pas encore d'espace,
          ou « Mon espace &gt; Clé Enfance » si vous en avez déjà un.
        </li>
        <li>
          Saisissez la clé ci-dessus, avec ou sans les tirets. Les lettres I et O et les chiffres 0 et 1 n'y figurent
          jamais.
        </li>
        <li>Votre espace est alors relié au dossier famille : vous pouvez faire les démarches pour vos enfants.</li>
      </ol>
      <p>
        La clé ne sert qu'une fois et est personnelle. Si vous la perdez, demandez-en une nouvelle au guichet unique.
      </p>
    </Layout>
  );
}

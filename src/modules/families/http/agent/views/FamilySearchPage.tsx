import { born } from '../../../../../shared/words.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import type { FamilyFile } from '../../../familiesRepository.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { formatDay, personName, TableBox } from '../../../../../doors/agent/views/deskParts.js';

/**
 * Search by a name of the household (a child's too), a phone number, an e-mail or the file number, without
 * minding accents or case; a GET form, as it changes nothing. Each family found shows its children.
 */
export function FamilySearchPage({
  context,
  name,
  results,
}: {
  context: PageContext;
  name: string;
  results: FamilyFile[] | null;
}) {
  const paths = agentPaths(context.commune!);
  const title = results ? `Familles : résultats pour « ${name} »` : 'Familles';
  return (
    <Layout context={context} title={title}>
      <h1>Familles</h1>
      <form method="get" action={paths.families} class="form" role="search">
        <div class="field">
          <label for="champ-nom">Nom, prénom, téléphone, e-mail ou numéro de dossier</label>
          <span class="hint" id="champ-nom-aide">
            Une partie suffit, sans accents ni majuscules : « remi » trouve Rémi, « 06 12 34 » un téléphone.
          </span>
          <input
            id="champ-nom"
            name="nom"
            type="search"
            value={name}
            aria-describedby="champ-nom-aide"
            spellcheck={false}
          />
        </div>
        <button type="submit" class="button">
          Rechercher
        </button>
      </form>
      {results === null ? null : results.length === 0 ? (
        <p>Aucune famille ne correspond à « {name} ». Vérifiez l'orthographe, ou essayez avec une partie du nom.</p>
      ) : (
        <>
          <h2>Résultats</h2>
          <p>
            {results.length} famille{results.length > 1 ? 's' : ''} trouvée{results.length > 1 ? 's' : ''}
            {results.length >= 50 ? ' (les 50 premières : précisez la recherche pour trouver les autres)' : ''}.
          </p>
          <TableBox label="Familles trouvées">
            <table class="data">
              <caption class="visually-hidden">Familles correspondant à « {name} »</caption>
              <thead>
                <tr>
                  <th scope="col">Dossier</th>
                  <th scope="col">Responsables</th>
                  <th scope="col">Enfants et autres membres du foyer</th>
                </tr>
              </thead>
              <tbody>
                {results.map(({ family, adults, members }) => (
                  <tr key={family.id}>
                    <td>
                      <a href={paths.family(family.id)}>{family.reference}</a>
                    </td>
                    <td>
                      <ul class="plain">
                        {adults.map((adult) => (
                          <li key={adult.id}>
                            {personName(adult)} — {adult.citizenId ? 'espace relié' : 'pas d’espace relié'}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <ul class="plain">
                        {[...members]
                          .sort((a, b) => Number(b.relation === 'enfant') - Number(a.relation === 'enfant'))
                          .map((member) => (
                            <li key={member.id}>
                              {personName(member)}
                              {member.relation === 'enfant'
                                ? ` (enfant, ${born(member.sex)} le ${formatDay(member.birthDate)})`
                                : ' (adulte)'}
                            </li>
                          ))}
                      </ul>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableBox>
        </>
      )}
    </Layout>
  );
}

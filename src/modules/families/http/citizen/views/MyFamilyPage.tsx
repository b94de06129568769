import { formatLocalDate } from '../../../../../shared/dates.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import type { FamilyFile } from '../../../familiesRepository.js';
import { NoFamilyNotice } from '../../../../accounts/http/citizen/views/NoFamilyNotice.js';
import { adultRoleLabel } from '../../../adultRoles.js';


/** « Ma famille »: the household of the linked family file, or why there is none yet. */
export function MyFamilyPage({ context, file }: { context: PageContext; file: FamilyFile | null }) {
  return (
    <Layout context={context} title="Ma famille">
      <h1>Ma famille</h1>
      {file ? (
        <>
          <p>Dossier famille n° {file.family.reference}</p>
          <h2>Responsables</h2>
          <ul>
            {file.adults.map((adult) => (
              <li key={adult.id}>
                {adult.firstName} {adult.lastName.toLocaleUpperCase('fr-FR')} — {adultRoleLabel(adult.role)}
              </li>
            ))}
          </ul>
          <h2>Membres du foyer</h2>
          <ul>
            {file.members.map((member) => (
              <li key={member.id}>
                {member.firstName} {member.lastName.toLocaleUpperCase('fr-FR')}, né(e) le {formatLocalDate(new Date(`${member.birthDate}T12:00:00Z`))}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <NoFamilyNotice context={context} />
      )}
    </Layout>
  );
}

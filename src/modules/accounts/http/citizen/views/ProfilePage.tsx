import type { PageContext } from '../../../../../platform/views/PageContext.js';
import type { Citizen } from '../../../citizensRepository.js';
import { greetingOf } from '../../../citizenGreeting.js';
import { MySpaceLayout } from '../../../../../doors/citizen/views/MySpaceTabs.js';

/** « Profil »: who the account is, where they live, how to reach them. */
export function ProfilePage({ context, citizen }: { context: PageContext; citizen: Citizen }) {
  return (
    <MySpaceLayout context={context} tab="profil" title="Profil">
      <h2>Profil</h2>
      <dl class="facts">
        <dt>Nom</dt>
        <dd>
          {greetingOf(citizen)} {citizen.firstName}
        </dd>
        <dt>Adresse</dt>
        <dd>
          {citizen.street}
          {citizen.streetComplement ? (
            <>
              <br />
              {citizen.streetComplement}
            </>
          ) : null}
          <br />
          {citizen.postcode} {citizen.city}
        </dd>
        <dt>Adresse e-mail</dt>
        <dd>{citizen.email}</dd>
        <dt>Téléphones</dt>
        <dd>{[citizen.mobilePhone, citizen.homePhone].filter(Boolean).join(' — ') || 'Aucun téléphone indiqué'}</dd>
      </dl>
    </MySpaceLayout>
  );
}

import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { PostForm } from '../../../../../platform/views/components/forms.js';
import { Notice, TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { describeOpening, describeServiceRule } from '../../../domain/serviceSettings.js';
import type { CatalogueService } from '../../../domain/catalogueService.js';
import { SCHOOL_YEAR_2026, STANDARD_SERVICES } from '../../../standardCatalogue.js';
import { settingsPaths } from '../settingsPaths.js';
import { DoneNotice } from './settingsParts.js';

const done = {
  catalogue: `Le catalogue standard est en place : ${STANDARD_SERVICES.length} services et l’année scolaire ${SCHOOL_YEAR_2026.label} avec ses vacances. Vérifiez les réglages de chaque service.`,
};

/** The rule of a service in words, as the list and the service's page show it. */
export function ruleInWords(service: CatalogueService): string {
  return describeServiceRule({ ...service.rule, majoration: service.majoration });
}

interface Props {
  context: PageContext;
  services: CatalogueService[];
  /** No school year and no service yet: the standard catalogue is offered. */
  empty: boolean;
  /** Why the standard catalogue was refused, when it was. */
  refused?: boolean;
  done?: string;
}

/** « Services »: the commune's services and their rules; a new commune sets them up in one click. */
export function ServicesPage({ context, services, empty, refused, done: fait }: Props) {
  const commune = context.commune!;
  const paths = settingsPaths(commune);
  return (
    <Layout context={context} title="Services">
      <h1>Services</h1>
      <SettingsNav context={context} current="services" />
      <DoneNotice texts={done} done={fait} />
      {refused ? (
        <Notice kind="error">
          <p>
            La commune a déjà des services ou une année scolaire : le catalogue standard n’a pas été ajouté. Modifiez
            les réglages ci-dessous.
          </p>
        </Notice>
      ) : null}
      {empty ? (
        <section aria-labelledby="catalogue-standard">
          <h2 id="catalogue-standard">Démarrer avec le catalogue standard</h2>
          <p>
            La commune n’a encore ni service ni année scolaire. Le catalogue standard met en place, en une fois, les
            services habituels avec leurs règles (réservation 15 jours avant, 4 semaines pour les activités vacances,
            majoration de 50 %, fermeture la veille à 10:00) et l’année scolaire {SCHOOL_YEAR_2026.label} avec les
            vacances de la zone C. Tout reste modifiable ensuite.
          </p>
          <ul>
            {STANDARD_SERVICES.map((service) => (
              <li key={service.kind}>{service.name}</li>
            ))}
          </ul>
          {commune.schoolZone !== 'C' ? (
            <Notice kind="info">
              <p>
                Votre commune est en zone {commune.schoolZone} : après la mise en place, corrigez les dates des vacances
                dans le calendrier.
              </p>
            </Notice>
          ) : null}
          <PostForm context={context} action={paths.standardCatalogue}>
            <button type="submit" class="button">
              Mettre en place le catalogue standard
            </button>
          </PostForm>
        </section>
      ) : null}
      {services.length === 0 ? (
        <p>La commune n’a pas encore de service.</p>
      ) : (
        <TableBox label="Les services de la commune">
          <table class="data">
            <caption class="visually-hidden">Les services de la commune et leurs règles</caption>
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Ouverture</th>
                <th scope="col">Règle de réservation</th>
                <th scope="col">État</th>
              </tr>
            </thead>
            <tbody>
              {services.map((service) => (
                <tr key={service.id}>
                  <th scope="row">
                    <a href={paths.service(service.id)}>{service.name}</a>
                  </th>
                  <td>
                    {service.kind === 'vacances'
                      ? 'Par sessions, pendant les vacances'
                      : describeOpening(service.opening)}
                  </td>
                  <td>{ruleInWords(service)}</td>
                  <td>{service.active ? 'Ouvert' : 'Fermé aux familles'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableBox>
      )}
      {services.some((service) => service.kind === 'vacances') ? (
        <p>
          Les sessions des activités vacances se créent dans <a href={paths.sessions}>Activités vacances</a>.
        </p>
      ) : null}
    </Layout>
  );
}

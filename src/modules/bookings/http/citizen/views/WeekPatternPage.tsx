import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import type { SchoolYear } from '../../../../services/serviceCatalogue.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { BookingMember } from '../../../domain/reservationPlan.js';
import { patternField, weekPatternLabels } from '../reservationForms.js';
import { childName } from './reservationParts.js';
import { ServiceChoice } from './ServiceChoice.js';

const WEEKDAYS = ['', 'Lundi', 'Mardi', 'Mercredi', 'Jeudi', 'Vendredi', 'Samedi', 'Dimanche'];

/** The weekdays some service of the form opens on, in order. */
export function patternWeekdays(services: CatalogueService[]): number[] {
  return [...new Set(services.flatMap((service) => service.opening.openWeekdays))].sort((a, b) => a - b);
}

/**
 * « Semaine type »: a period and, per weekday and service, what to book every such day of it; the
 * summary then lists every day, and the closed ones skipped. Only books: a day already booked stays.
 */
export function WeekPatternPage(props: {
  context: PageContext;
  member: BookingMember;
  services: CatalogueService[];
  years: SchoolYear[];
  form: FormState;
}) {
  const { context, member, services, years, form } = props;
  const paths = communePaths(context.commune!);
  const name = childName(member);
  const title = `Semaine type de ${name}`;
  const weekdays = patternWeekdays(services);
  const gridError = form.errors.semaine;
  let first = true;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <p>
        <a href={paths.memberReservations(member.id)}>Retour au calendrier de {member.firstName}</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary form={form} labels={weekPatternLabels} />
      {services.length === 0 ? (
        <p>
          {member.firstName} n’a pas d’inscription acceptée pour l’année en cours.{' '}
          <a href={paths.newInscription}>Créer une inscription</a>
        </p>
      ) : (
        <PostForm context={context} action={paths.weekPattern(member.id)}>
          <p>
            Choisissez une période et les jours de la semaine à réserver pour chaque service : tous les jours
            d’ouverture de la période sont réservés en une fois. Les jours déjà réservés le restent ; pour annuler un
            jour, utilisez le calendrier du mois. Un récapitulatif vous est présenté avant tout enregistrement.
          </p>
          {years.length > 0 ? (
            <p>
              La période doit tenir dans une année scolaire :{' '}
              {years
                .map((year) => `${year.label}, du ${formatShortDay(year.startsOn)} au ${formatShortDay(year.endsOn)}`)
                .join(' ; ')}
              .
            </p>
          ) : null}
          <TextField
            form={form}
            name="du"
            label="Du"
            hint="Au format JJ/MM/AAAA, par exemple 16/11/2026."
            required
            short
            inputMode="numeric"
          />
          <TextField
            form={form}
            name="au"
            label="Au"
            hint="Inclus, au format JJ/MM/AAAA, par exemple 18/12/2026."
            required
            short
            inputMode="numeric"
          />
          <fieldset
            class={gridError ? 'field field--error pattern-grid' : 'field pattern-grid'}
            aria-describedby={gridError ? 'champ-semaine-erreur' : undefined}
          >
            <legend>{weekPatternLabels.semaine}</legend>
            {gridError ? (
              <span class="field__error" id="champ-semaine-erreur">
                <span class="visually-hidden">Erreur : </span>
                {gridError}
              </span>
            ) : null}
            {/* On a phone each day reflows to a block of its services, each named beside its box: no sideways scrolling. */}
            <table class="data calendar reflow">
              <caption class="visually-hidden">Les jours de la semaine à réserver, par service</caption>
              <thead>
                <tr>
                  <th scope="col">Jour</th>
                  {services.map((service) => (
                    <th scope="col" key={service.id}>
                      {service.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {weekdays.map((weekday) => (
                  <tr key={weekday}>
                    <th scope="row">{WEEKDAYS[weekday]}</th>
                    {services.map((service) => {
                      if (!service.opening.openWeekdays.includes(weekday))
                        return (
                          <td key={service.id} data-label={service.name}>
                            pas d’accueil
                          </td>
                        );
                      const field = patternField(weekday, service.id);
                      // The error summary's link lands on the first control of the grid.
                      const id = first ? 'champ-semaine' : `s-${weekday}-${service.id}`;
                      first = false;
                      const sent = form.values[field];
                      return (
                        <td key={service.id} data-label={service.name}>
                          <ServiceChoice
                            id={id}
                            name={field}
                            units={service.units}
                            chosen={service.units.some((unit) => unit.code === sent) ? sent! : null}
                            label={`${service.name}, le ${WEEKDAYS[weekday]!.toLocaleLowerCase('fr-FR')}`}
                            shown={service.units.length > 1 ? undefined : 'réserver'}
                            none="Ne pas réserver"
                          />
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
            </table>
          </fieldset>
          <button type="submit" class="button">
            Voir le récapitulatif
          </button>
        </PostForm>
      )}
    </Layout>
  );
}

import { SettingsNav } from '../../../../../doors/agent/views/SettingsNav.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { centsToEuroInput } from '../../../../../shared/money.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { SESSION_TERMS, type SessionTerm } from '../../../domain/changesUnderBookings.js';
import type { ActivitySession, CalendarPeriod } from '../../../serviceCatalogue.js';
import type { CatalogueService } from '../../../domain/catalogueService.js';
import { sessionLabels } from '../../../servicesForms.js';
import { settingsPaths } from '../settingsPaths.js';
import { placesInWords } from './SessionsPage.js';
import { DATE_HINT, DoneNotice, Group, dayInput, dayRange } from './settingsParts.js';

const done = {
  creee: 'La session est créée. Les familles la voient dans « Activités vacances ».',
  modifiee: 'La session est modifiée.',
  inchangee: 'Rien n’a changé : la session avait déjà ces valeurs.',
};

const termWords: Record<SessionTerm, string> = {
  dates: 'ses dates',
  ages: 'les âges acceptés',
  service: 'son service',
};

/** The terms named by the address after a save (`attention=dates,ages`); anything else is ignored. */
export function bookedTermsOf(value: unknown): SessionTerm[] {
  if (typeof value !== 'string') return [];
  const named = new Set(value.split(','));
  return SESSION_TERMS.filter((term) => named.has(term));
}

/** « ses dates, les âges acceptés et son service » */
function inWords(terms: SessionTerm[]): string {
  const words = terms.map((term) => termWords[term]);
  return words.length > 1 ? `${words.slice(0, -1).join(', ')} et ${words.at(-1)}` : (words[0] ?? '');
}

/** The form's values from a stored session. */
export function sessionFormValues(session: ActivitySession): FormState['values'] {
  return {
    serviceId: session.serviceId,
    name: session.name,
    description: session.description,
    startsOn: dayInput(session.startsOn),
    endsOn: dayInput(session.endsOn),
    minAge: String(session.minAge),
    maxAge: String(session.maxAge),
    places: String(session.places),
    priceCents: centsToEuroInput(session.priceCents),
  };
}

interface Props {
  context: PageContext;
  /** Null for a new session. */
  session: ActivitySession | null;
  /** The commune's holiday activity services: a session belongs to one. */
  services: CatalogueService[];
  /** The school holidays of the calendar, to choose the dates from. */
  holidays: CalendarPeriod[];
  /** The saved session is not entirely inside the school holidays: allowed, and said. */
  outsideHolidays: boolean;
  form: FormState;
  done?: string;
  /** What was just changed of a session children are booked or waiting for: their bookings stay, the families are not told. */
  bookedTermsChanged?: SessionTerm[];
}

/** A holiday session's page: create it, or change it without going below the places already booked. */
export function SessionPage({
  context,
  session,
  services,
  holidays,
  outsideHolidays,
  form,
  done: fait,
  bookedTermsChanged = [],
}: Props) {
  const paths = settingsPaths(context.commune!);
  const title = session ? `Session « ${session.name} »` : 'Créer une session';
  const only = services.length === 1 ? services[0]! : null;
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="sessions" />
      <p>
        <a href={paths.sessions}>Retour aux sessions</a>
      </p>
      <DoneNotice texts={done} done={fait} />
      {bookedTermsChanged.length > 0 ? (
        <Notice kind="info">
          <p>
            Attention : des enfants sont déjà inscrits ou en liste d’attente pour cette session, et vous avez changé{' '}
            {inWords(bookedTermsChanged)}. Leurs réservations sont gardées telles quelles et les familles ne sont pas
            prévenues : vérifiez que chaque enfant peut toujours y participer, et prévenez les familles.
          </p>
        </Notice>
      ) : null}
      {outsideHolidays ? (
        <Notice kind="info">
          <p>
            Attention : cette session n’a pas lieu entièrement pendant les vacances scolaires du calendrier. Elle est
            enregistrée ; vérifiez ses dates si ce n’est pas voulu.
          </p>
        </Notice>
      ) : null}
      {session ? (
        <dl class="facts">
          <dt>Places</dt>
          <dd>{placesInWords(session)}</dd>
        </dl>
      ) : null}
      {holidays.length > 0 ? (
        <details>
          <summary>Les vacances scolaires du calendrier</summary>
          <ul>
            {holidays.map((period) => (
              <li key={period.id}>
                {period.label} : {dayRange(period.startsOn, period.endsOn)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <ErrorSummary form={form} labels={sessionLabels} />
      <PostForm context={context} action={session ? paths.session(session.id) : paths.sessions}>
        <Group legend="La session">
          {only ? (
            <input type="hidden" name="serviceId" value={only.id} />
          ) : (
            <RadioGroup
              form={form}
              name="serviceId"
              legend={sessionLabels.serviceId}
              options={services.map((service) => ({ value: service.id, label: service.name }))}
              required
            />
          )}
          <TextField
            form={form}
            name="name"
            label={sessionLabels.name}
            hint="Par exemple « Stage multisport »."
            required
          />
          <TextArea
            form={form}
            name="description"
            label={sessionLabels.description}
            hint="Ce que les familles lisent avant de réserver."
            rows={3}
          />
        </Group>
        <Group legend="Dates">
          <TextField
            form={form}
            name="startsOn"
            label={sessionLabels.startsOn}
            hint={`Les délais de réservation se comptent depuis ce jour. ${DATE_HINT}`}
            required
            short
            inputMode="numeric"
          />
          <TextField
            form={form}
            name="endsOn"
            label={sessionLabels.endsOn}
            hint={`Ce jour est compris dans la session. ${DATE_HINT}`}
            required
            short
            inputMode="numeric"
          />
        </Group>
        <Group legend="Âges">
          <p class="hint">L’âge de l’enfant au premier jour de la session, en années, bornes comprises.</p>
          <TextField form={form} name="minAge" label={sessionLabels.minAge} required short inputMode="numeric" />
          <TextField form={form} name="maxAge" label={sessionLabels.maxAge} required short inputMode="numeric" />
        </Group>
        <Group legend="Places et prix">
          <TextField
            form={form}
            name="places"
            label={sessionLabels.places}
            hint={session && session.booked > 0 ? `Au moins ${session.booked} : les places déjà réservées.` : undefined}
            required
            short
            inputMode="numeric"
          />
          <TextField
            form={form}
            name="priceCents"
            label={`${sessionLabels.priceCents} en euros`}
            hint="Par exemple 60 ou 45,50."
            required
            short
          />
        </Group>
        <button type="submit" class="button">
          {session ? 'Enregistrer la session' : 'Créer la session'}
        </button>
      </PostForm>
    </Layout>
  );
}

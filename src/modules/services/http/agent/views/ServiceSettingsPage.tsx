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
import { formatDay } from '../../../../../shared/localDays.js';
import { centsToEuroInput, formatEuros } from '../../../../../shared/money.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import type { DayBookings } from '../../../domain/changesUnderBookings.js';
import { WEEKDAY_NAMES, describeOpening, timeInput, unitField } from '../../../domain/serviceSettings.js';
import type { CatalogueService } from '../../../domain/catalogueService.js';
import { MAJORATION_KINDS, serviceSettingsLabels, weekdayField } from '../../../servicesForms.js';
import { settingsPaths } from '../settingsPaths.js';
import { ruleInWords } from './ServicesPage.js';
import { CheckboxGroup, DoneNotice, Group, TIME_HINT } from './settingsParts.js';

const done = {
  enregistre:
    'Les réglages du service sont enregistrés. Ils s’appliquent aux prochaines réservations ; les réservations déjà faites gardent leur prix et leur majoration.',
  inchange: 'Rien n’a changé : le service avait déjà ces réglages.',
};

const yesNo = (yes: string, no: string) => [
  { value: 'oui', label: yes },
  { value: 'non', label: no },
];
const majorationOptions = Object.entries(MAJORATION_KINDS).map(([value, label]) => ({ value, label }));

/** The form's values from the stored service: what the page shows before any change. */
export function serviceFormValues(service: CatalogueService): FormState['values'] {
  const { rule, opening, majoration } = service;
  return {
    name: service.name,
    description: service.description,
    ...Object.fromEntries(opening.openWeekdays.map((weekday) => [weekdayField(weekday), 'oui'])),
    schoolPeriodsOnly: opening.schoolPeriodsOnly ? 'oui' : 'non',
    deadlineDaysBefore: String(rule.deadlineDaysBefore),
    deadlineTime: timeInput(rule.deadlineTime),
    cutoffDaysBefore: String(rule.cutoffDaysBefore),
    cutoffTime: timeInput(rule.cutoffTime),
    rentreeWindow: rule.rentreeWindow ? 'oui' : 'non',
    majorationKind: majoration.kind,
    majorationValue:
      majoration.kind === 'percent'
        ? String(majoration.basisPoints / 100).replace('.', ',')
        : centsToEuroInput(majoration.cents),
    illnessReportTime: timeInput(service.illnessReportTime),
    requiredDocuments: service.requiredDocuments.join('\n'),
    placesPerDay: service.placesPerDay === null ? '' : String(service.placesPerDay),
    ...Object.fromEntries(
      service.units.flatMap((unit) => [
        [unitField(unit.code, 'label'), unit.label],
        [unitField(unit.code, 'price'), centsToEuroInput(unit.priceCents)],
      ]),
    ),
    active: service.active ? 'oui' : 'non',
  };
}

/** The rule as it stands, in words, beside the form. */
function CurrentRule({ service }: { service: CatalogueService }) {
  return (
    <section aria-labelledby="regle-actuelle" class="card">
      <h2 id="regle-actuelle">Règle actuelle</h2>
      <dl class="facts">
        <dt>Réservation</dt>
        <dd>{ruleInWords(service)}</dd>
        <dt>Ouverture</dt>
        <dd>{describeOpening(service.opening)}</dd>
        <dt>Maladie</dt>
        <dd>signalable jusqu’au jour même, {timeInput(service.illnessReportTime)}</dd>
        <dt>Places</dt>
        <dd>{service.placesPerDay === null ? 'sans limite' : `${service.placesPerDay} par jour`}</dd>
        <dt>Tarifs</dt>
        <dd>{service.units.map((unit) => `${unit.label} : ${formatEuros(unit.priceCents)}`).join(' ; ')}</dd>
        <dt>Pièces demandées</dt>
        <dd>{service.requiredDocuments.length === 0 ? 'aucune' : service.requiredDocuments.join(' ; ')}</dd>
        <dt>État</dt>
        <dd>{service.active ? 'ouvert aux inscriptions et aux réservations' : 'fermé aux familles'}</dd>
      </dl>
    </section>
  );
}

/** A page lists this many days over the limit, and counts the others. */
const LISTED_DAYS = 20;

/** The days to come holding more bookings than the places per day: their bookings stay, and they take no new one. */
function OverLimitNotice({ days, placesPerDay }: { days: DayBookings[]; placesPerDay: number | null }) {
  if (days.length === 0 || placesPerDay === null) return null;
  const listed = days.slice(0, LISTED_DAYS);
  const others = days.length - listed.length;
  return (
    <Notice kind="info">
      <p>
        Attention : {days.length === 1 ? 'un jour à venir compte' : `${days.length} jours à venir comptent`} déjà plus
        de réservations que de places (limite : {placesPerDay} par jour). Les réservations faites sont gardées ; ces
        jours n’acceptent plus de nouvelle réservation tant que des places ne se libèrent pas.
      </p>
      <ul>
        {listed.map((day) => (
          <li key={day.day}>
            {formatDay(day.day)} : {day.booked} réservations
          </li>
        ))}
      </ul>
      {others > 0 ? <p>Et {others === 1 ? 'un autre jour' : `${others} autres jours`}.</p> : null}
    </Notice>
  );
}

interface Props {
  context: PageContext;
  service: CatalogueService;
  form: FormState;
  done?: string;
  /** The days to come holding more bookings than the service's places per day. */
  overLimit?: DayBookings[];
}

/** One service's settings: its days, its deadlines and majoration, its documents, places and prices. */
export function ServiceSettingsPage({ context, service, form, done: fait, overLimit = [] }: Props) {
  const paths = settingsPaths(context.commune!);
  const labels = serviceSettingsLabels(service.units);
  const title = `Réglages : ${service.name}`;
  const sessions = service.kind === 'vacances';
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <SettingsNav context={context} current="services" />
      <p>
        <a href={paths.services}>Retour aux services</a>
        {sessions ? (
          <>
            {' '}
            · <a href={paths.sessions}>Les sessions de ce service</a>
          </>
        ) : null}
      </p>
      <DoneNotice texts={done} done={fait} />
      <OverLimitNotice days={overLimit} placesPerDay={service.placesPerDay} />
      <CurrentRule service={service} />
      <ErrorSummary form={form} labels={labels} />
      <PostForm context={context} action={paths.service(service.id)}>
        <Group legend="Le service">
          <TextField form={form} name="name" label={labels.name!} required />
          <TextArea
            form={form}
            name="description"
            label={labels.description!}
            hint="Ce que les familles lisent en s’inscrivant."
            rows={3}
          />
          <RadioGroup
            form={form}
            name="active"
            legend={labels.active!}
            options={yesNo('Ouvert aux inscriptions et aux réservations', 'Fermé aux familles')}
            required
          />
        </Group>
        <Group legend="Jours d’ouverture">
          <CheckboxGroup
            form={form}
            name="openWeekdays"
            legend={labels.openWeekdays!}
            hint={sessions ? 'Les jours où les sessions ont lieu.' : undefined}
            options={WEEKDAY_NAMES.map((name, index) => ({
              field: weekdayField(index + 1),
              label: name[0]!.toUpperCase() + name.slice(1),
            }))}
          />
          <RadioGroup
            form={form}
            name="schoolPeriodsOnly"
            legend={labels.schoolPeriodsOnly!}
            options={yesNo('Le service est fermé', 'Le service reste ouvert')}
            required
          />
        </Group>
        <Group legend="Délais de réservation, de modification et d’annulation">
          <p class="hint">
            Jusqu’à la date limite, les changements sont gratuits ; après, ils portent la majoration ; après la
            fermeture définitive, seul le guichet unique peut agir.
          </p>
          <TextField
            form={form}
            name="deadlineDaysBefore"
            label={labels.deadlineDaysBefore!}
            hint="Nombre de jours avant le jour réservé (le premier jour pour une session), par exemple 15."
            required
            short
            inputMode="numeric"
          />
          <TextField form={form} name="deadlineTime" label={labels.deadlineTime!} hint={TIME_HINT} required short />
          <TextField
            form={form}
            name="cutoffDaysBefore"
            label={labels.cutoffDaysBefore!}
            hint="Par exemple 1 pour la veille, 0 pour le jour même."
            required
            short
            inputMode="numeric"
          />
          <TextField form={form} name="cutoffTime" label={labels.cutoffTime!} hint={TIME_HINT} required short />
          <RadioGroup
            form={form}
            name="rentreeWindow"
            legend={labels.rentreeWindow!}
            options={yesNo('S’applique : sans délai jusqu’à la fin de la fenêtre de rentrée', 'Ne s’applique pas')}
            required
          />
        </Group>
        <Group legend="Majoration d’une réservation tardive">
          <RadioGroup
            form={form}
            name="majorationKind"
            legend={labels.majorationKind!}
            options={majorationOptions}
            required
          />
          <TextField
            form={form}
            name="majorationValue"
            label={labels.majorationValue!}
            hint="Un pourcentage (par exemple 50 pour 50 %) ou un montant par unité en euros (par exemple 1,50)."
            required
            short
          />
        </Group>
        <Group legend="Absences">
          <TextField
            form={form}
            name="illnessReportTime"
            label={labels.illnessReportTime!}
            hint={`Le jour même de l’absence. ${TIME_HINT}`}
            required
            short
          />
        </Group>
        <Group legend="Inscription">
          <TextArea
            form={form}
            name="requiredDocuments"
            label={labels.requiredDocuments!}
            hint="Une pièce par ligne, par exemple « Carnet de vaccination ». Laissez vide si aucune."
            rows={4}
          />
        </Group>
        <Group legend="Places et tarifs">
          <TextField
            form={form}
            name="placesPerDay"
            label={labels.placesPerDay!}
            hint="Laissez vide s’il n’y a pas de limite."
            short
            inputMode="numeric"
          />
          {service.units.map((unit) => (
            <fieldset class="field" key={unit.code}>
              <legend>Formule « {unit.label} »</legend>
              <TextField
                form={form}
                name={unitField(unit.code, 'label')}
                label={labels[unitField(unit.code, 'label')]!}
                required
              />
              <TextField
                form={form}
                name={unitField(unit.code, 'price')}
                label={`${labels[unitField(unit.code, 'price')]!} en euros`}
                hint="Par exemple 3,55."
                required
                short
              />
            </fieldset>
          ))}
        </Group>
        <button type="submit" class="button">
          Enregistrer les réglages
        </button>
      </PostForm>
    </Layout>
  );
}

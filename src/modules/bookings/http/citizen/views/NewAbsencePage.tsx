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
import { communePaths } from '../../../../../platform/views/paths.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import type { FamilyMember } from '../../../../families/familiesRepository.js';
import { requestStatusLabel } from '../../../../requests/domain/requestStatus.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import { ABSENCE_REASON_LABELS } from '../../../absenceRequestType.js';
import type { ReportedAbsence } from '../../../absencesRepository.js';

export const absenceLabels = {
  memberId: 'Enfant',
  firstDay: 'Premier jour',
  lastDay: 'Dernier jour',
  services: 'Services concernés',
  reason: 'Motif',
  note: 'Note',
};

/** The name of a service's checkbox: one field per service, ticked or not. */
export const serviceField = (serviceId: string) => `service-${serviceId}`;

const nameOf = (member: { firstName: string; lastName: string }) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/** « 9 h », « 8 h 30 »: a service's illness-report hour as people say it. */
function hourText(time: string): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  return minutes === '00' ? `${Number(hours)} h` : `${Number(hours)} h ${minutes}`;
}

export type AbsenceNotice = 'maladie' | 'autre' | null;

const noticeTexts: Record<'maladie' | 'autre', string> = {
  maladie:
    'Votre signalement est transmis au guichet unique. Transmettez-lui le certificat médical : une fois vu, l’absence est justifiée et les jours réservés ne sont pas facturés.',
  autre: 'L’absence est enregistrée et transmise au guichet unique. Les jours réservés restent facturés.',
};

export interface AbsencePageProps {
  context: PageContext;
  notice: AbsenceNotice;
  children: FamilyMember[];
  /** The child chosen and its services; none while the family has not chosen yet. */
  subject: { member: FamilyMember; services: CatalogueService[] } | null;
  form: FormState;
  absences: ReportedAbsence[];
  serviceNames: Map<string, string>;
}

/** The services the child is enrolled in, as checkboxes; the first bears the group's id, where the error summary leads. */
function ServiceBoxes({ form, services }: { form: FormState; services: CatalogueService[] }) {
  const error = form.errors.services;
  return (
    <fieldset
      class={error ? 'field field--error' : 'field'}
      aria-describedby={error ? 'champ-services-erreur' : undefined}
    >
      <legend>Services concernés (obligatoire)</legend>
      {error ? (
        <span class="field__error" id="champ-services-erreur">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      {services.map((service, index) => {
        const id = index === 0 ? 'champ-services' : `champ-services-${service.id}`;
        const name = serviceField(service.id);
        return (
          <div class="choice" key={service.id}>
            <input type="checkbox" id={id} name={name} value="oui" checked={form.values[name] === 'oui'} />
            <label for={id}>{service.name}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

function ChildChoice({ context, children }: { context: PageContext; children: FamilyMember[] }) {
  const paths = communePaths(context.commune!);
  return (
    <form method="get" action={paths.newAbsence} class="form">
      <RadioGroup
        form={{ values: {}, errors: {} }}
        name="membre"
        legend="Quel enfant sera absent ?"
        options={children.map((child) => ({ value: child.id, label: nameOf(child) }))}
      />
      <button type="submit" class="button">
        Continuer
      </button>
    </form>
  );
}

function AbsenceForm({
  context,
  subject,
  form,
  several,
}: {
  context: PageContext;
  subject: NonNullable<AbsencePageProps['subject']>;
  form: FormState;
  several: boolean;
}) {
  const paths = communePaths(context.commune!);
  const { member, services } = subject;
  if (services.length === 0) {
    return (
      <p>
        {nameOf(member)} n’est {member.sex === 'F' ? 'inscrite' : 'inscrit'} à aucun service : il n’y a pas d’absence à
        signaler. <a href={paths.newInscription}>Créer une inscription</a>
      </p>
    );
  }
  const earliest = [...services].map((s) => s.illnessReportTime).sort()[0]!;
  return (
    <PostForm context={context} action={paths.newAbsence}>
      <input type="hidden" name="memberId" value={member.id} />
      <p>
        <strong>Enfant : {nameOf(member)}</strong>
        {several ? (
          <>
            {' '}
            — <a href={paths.newAbsence}>choisir un autre enfant</a>
          </>
        ) : null}
      </p>
      <TextField
        form={form}
        name="firstDay"
        label="Premier jour"
        hint="Au format JJ/MM/AAAA, par exemple 17/11/2026."
        inputMode="numeric"
        short
        required
      />
      <TextField
        form={form}
        name="lastDay"
        label="Dernier jour"
        hint="Le même jour pour une seule journée. Au format JJ/MM/AAAA."
        inputMode="numeric"
        short
        required
      />
      <ServiceBoxes form={form} services={services} />
      <RadioGroup
        form={form}
        name="reason"
        legend="Motif"
        options={[
          {
            value: 'maladie',
            label: `Maladie — à signaler au plus tard le jour même à ${hourText(earliest)} ; le certificat médical la rend justifiée`,
          },
          {
            value: 'autre',
            label: 'Autre motif — l’absence est enregistrée, mais les jours réservés restent facturés',
          },
        ]}
        required
      />
      <TextArea
        form={form}
        name="note"
        label="Note"
        hint="Facultative : ce que le guichet unique doit savoir."
        rows={4}
      />
      <div class="actions">
        <button type="submit" class="button">
          Signaler l’absence
        </button>
        <a href={paths.myFamily}>Annuler</a>
      </div>
    </PostForm>
  );
}

function ReportedList({
  context,
  absences,
  children,
  serviceNames,
}: Pick<AbsencePageProps, 'context' | 'absences' | 'children' | 'serviceNames'>) {
  const paths = communePaths(context.commune!);
  const names = new Map(children.map((child) => [child.id, nameOf(child)]));
  if (absences.length === 0) return <p>Vous n’avez signalé aucune absence.</p>;
  return (
    <table class="data reflow">
      <caption class="visually-hidden">Les absences que vous avez signalées, les plus récentes en premier</caption>
      <thead>
        <tr>
          <th scope="col">Enfant</th>
          <th scope="col">Dates</th>
          <th scope="col">Services</th>
          <th scope="col">Motif</th>
          <th scope="col">Suite</th>
        </tr>
      </thead>
      <tbody>
        {absences.map((absence) => (
          <tr key={absence.id}>
            <td data-label="Enfant">{names.get(absence.memberId) ?? ''}</td>
            <td data-label="Dates">
              {absence.firstDay === absence.lastDay
                ? formatShortDay(absence.firstDay)
                : `du ${formatShortDay(absence.firstDay)} au ${formatShortDay(absence.lastDay)}`}
            </td>
            <td data-label="Services">{absence.serviceIds.map((id) => serviceNames.get(id) ?? '').join(', ')}</td>
            <td data-label="Motif">{ABSENCE_REASON_LABELS[absence.reason]}</td>
            <td data-label="Suite">
              {absence.justified ? 'Justifiée' : 'Non justifiée'}
              {absence.requestId && absence.requestStatus ? (
                <>
                  {' — '}
                  <a href={paths.request(absence.requestId)}>
                    demande {requestStatusLabel(absence.requestStatus).toLocaleLowerCase('fr-FR')}
                  </a>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** « Signaler une absence »: choose the child, then the days, services, reason and note; the absences reported. */
export function NewAbsencePage(props: AbsencePageProps) {
  const { context, notice, children, subject, form } = props;
  const paths = communePaths(context.commune!);
  return (
    <Layout context={context} title={formTitle('Signaler une absence', form)}>
      <p>
        <a href={paths.myFamily}>Retour à Ma famille</a>
      </p>
      <h1>Signaler une absence</h1>
      {notice ? (
        <div class="notice notice--success" role="status">
          <p>{noticeTexts[notice]}</p>
        </div>
      ) : null}
      <ErrorSummary form={form} labels={absenceLabels} />
      <p>
        Une maladie se signale au plus tard le jour même, avant l’heure indiquée ; une fois le certificat médical vu par
        le guichet unique, l’absence est justifiée et les jours réservés ne sont pas facturés. Une absence pour un autre
        motif est enregistrée, mais les jours réservés restent facturés. Passé ces délais, contactez le guichet unique
        au {context.commune!.desk.phone}.
      </p>
      {children.length === 0 ? (
        <p>Votre dossier famille ne compte aucun enfant.</p>
      ) : subject ? (
        <AbsenceForm context={context} subject={subject} form={form} several={children.length > 1} />
      ) : (
        <ChildChoice context={context} children={children} />
      )}
      <h2>Absences signalées</h2>
      <ReportedList {...props} />
    </Layout>
  );
}

import { agreed } from '../../../../../shared/words.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  RadioGroup,
  TextArea,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { communePaths } from '../../../../../platform/views/paths.js';
import { type LocalDay, formatShortDay } from '../../../../../shared/localDays.js';
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
  certificat: 'Certificat médical',
  certificatFichiers: 'Fichiers du certificat médical',
};

/** What the vault holds of the child's medical certificate: whether the commune takes one, and the one validated. */
export interface CertificateOffer {
  validated: { id: string; validUntil: LocalDay | null } | null;
}

/** The name of a service's checkbox: one field per service, ticked or not. */
export const serviceField = (serviceId: string) => `service-${serviceId}`;

const nameOf = (member: { firstName: string; lastName: string }) =>
  `${member.firstName} ${member.lastName.toLocaleUpperCase('fr-FR')}`;

/** « 9 h », « 8 h 30 »: a service's illness-report hour as people say it. */
function hourText(time: string): string {
  const [hours = '0', minutes = '00'] = time.split(':');
  return minutes === '00' ? `${Number(hours)} h` : `${Number(hours)} h ${minutes}`;
}

export type AbsenceNotice = 'maladie' | 'certificat' | 'justifiee' | 'autre' | null;

const noticeTexts: Record<NonNullable<AbsenceNotice>, string> = {
  certificat:
    'Votre signalement et le certificat médical sont transmis au guichet unique : une fois le certificat validé, l’absence est justifiée et les jours réservés ne sont pas facturés.',
  justifiee:
    'Votre signalement est transmis au guichet unique. Le certificat médical déjà validé couvre ces jours : l’absence est justifiée et les jours réservés ne sont pas facturés.',
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
  /** The child's medical certificate; none when the commune takes no certificate in its vault. */
  certificate: CertificateOffer | null;
}

/**
 * An illness's medical certificate with the report: later (from « Pièces justificatives »), the one
 * already validated, or files now. The file input comes last in the form: a multipart form's fields
 * are read up to its first file, so that the CSRF check comes before any byte of a file.
 */
function CertificateChoice({ form, offer }: { form: FormState; offer: CertificateOffer }) {
  const error = form.errors.certificatFichiers;
  const until = offer.validated?.validUntil;
  const options = [
    { value: 'plus-tard', label: 'Je l’enverrai plus tard, depuis mes pièces justificatives' },
    ...(offer.validated
      ? [
          {
            value: 'valide',
            label: `Utiliser le certificat médical déjà validé${until ? ` (valable jusqu’au ${formatShortDay(until)})` : ''}`,
          },
        ]
      : []),
    { value: 'joindre', label: 'Joindre le certificat médical maintenant' },
  ];
  return (
    <>
      <p>
        Pour une maladie, le certificat médical validé par le guichet unique justifie l’absence : les jours réservés ne
        sont pas facturés.
      </p>
      <RadioGroup
        form={{ ...form, values: { ...form.values, certificat: form.values.certificat ?? 'plus-tard' } }}
        name="certificat"
        legend="Certificat médical (pour une maladie)"
        options={options}
      />
      <div class={error ? 'field field--error' : 'field'}>
        <label for="champ-certificatFichiers">Fichiers du certificat médical</label>
        <span class="hint" id="champ-certificatFichiers-aide">
          Si vous le joignez maintenant : PDF, JPEG ou PNG, 10 Mo au plus par fichier ; une photo par page.
        </span>
        {error ? (
          <span class="field__error" id="champ-certificatFichiers-erreur">
            <span class="visually-hidden">Erreur : </span>
            {error}
          </span>
        ) : null}
        <input
          type="file"
          id="champ-certificatFichiers"
          name="certificatFichiers"
          multiple
          accept="application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={
            error ? 'champ-certificatFichiers-aide champ-certificatFichiers-erreur' : 'champ-certificatFichiers-aide'
          }
        />
      </div>
    </>
  );
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
  certificate,
}: {
  context: PageContext;
  subject: NonNullable<AbsencePageProps['subject']>;
  form: FormState;
  several: boolean;
  certificate: CertificateOffer | null;
}) {
  const paths = communePaths(context.commune!);
  const { member, services } = subject;
  if (services.length === 0) {
    return (
      <p>
        {nameOf(member)} n’est {agreed(member.sex, { masculine: 'inscrit', feminine: 'inscrite' })} à aucun service : il
        n’y a pas d’absence à signaler. <a href={paths.newInscription}>Créer une inscription</a>
      </p>
    );
  }
  const earliest = [...services].map((s) => s.illnessReportTime).sort()[0]!;
  return (
    <form method="post" action={paths.newAbsence} class="form" encType="multipart/form-data" noValidate>
      <CsrfField context={context} />
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
      {certificate ? <CertificateChoice form={form} offer={certificate} /> : null}
      <div class="actions">
        <button type="submit" class="button">
          Signaler l’absence
        </button>
        <a href={paths.myFamily}>Annuler</a>
      </div>
    </form>
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
        <AbsenceForm
          context={context}
          subject={subject}
          form={form}
          several={children.length > 1}
          certificate={props.certificate}
        />
      ) : (
        <ChildChoice context={context} children={children} />
      )}
      <h2>Absences signalées</h2>
      <ReportedList {...props} />
    </Layout>
  );
}

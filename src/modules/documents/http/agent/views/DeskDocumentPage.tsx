import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextArea,
  TextField,
} from '../../../../../platform/views/components/forms.js';
import { formatLocalDateTime } from '../../../../../shared/dates.js';
import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { Notice, formatDay, personName } from '../../../../../doors/agent/views/deskParts.js';
import type { DocumentWithFiles } from '../../../documentsService.js';
import { formatFileSize } from '../../../../../shared/format.js';
import { stateText } from '../../../domain/stateText.js';
import { REFUSAL_LABELS, VALIDATION_LABELS } from '../deskForms.js';

/**
 * One document at the desk: each file shown in the page (an image as an image, a PDF in a sandboxed
 * frame, with a link to open it), then « Valider » with its dates and « Refuser » with a reason.
 */
export function DeskDocumentPage({
  context,
  shown,
  reference,
  validation,
  asksQuotient,
  refusal,
}: {
  context: PageContext;
  shown: DocumentWithFiles;
  reference: string;
  validation: FormState;
  /** An attestation de quotient familial: its validation asks for the QF it states. */
  asksQuotient: boolean;
  refusal: FormState;
}) {
  const paths = agentPaths(context.commune!);
  const { document, type, files, member, state } = shown;
  const title = `${type.name} — ${member ? personName(member) : `famille ${reference}`}`;
  const hasErrors = Object.keys(validation.errors).length + Object.keys(refusal.errors).length > 0;
  return (
    <Layout context={context} title={hasErrors ? `Erreur : ${title}` : title}>
      <p>
        <a href={paths.documents}>Retour aux pièces à valider</a>
      </p>
      <h1>{title}</h1>
      <ErrorSummary form={validation} labels={VALIDATION_LABELS} />
      <ErrorSummary form={refusal} labels={REFUSAL_LABELS} />
      {document.scan === 'not-scanned' ? (
        <Notice kind="info">
          <p>
            Fichiers non analysés : aucun antivirus n’est configuré sur ce serveur de démonstration. Ne les ouvrez pas
            sur un poste sensible.
          </p>
        </Notice>
      ) : null}
      <dl class="facts">
        <dt>Dossier famille</dt>
        <dd>
          <a href={paths.family(document.familyId)}>{reference}</a>
        </dd>
        <dt>Reçue le</dt>
        <dd>{formatLocalDateTime(document.uploadedAt)}</dd>
        <dt>État</dt>
        <dd>{document.status === 'replaced' ? 'Remplacée par un envoi plus récent' : stateText(state)}</dd>
        {type.description ? (
          <>
            <dt>Pièce attendue</dt>
            <dd>{type.description}</dd>
          </>
        ) : null}
      </dl>
      <h2>Fichiers</h2>
      {document.purgedAt ? <p>Les fichiers ont été supprimés (durée de conservation écoulée).</p> : null}
      {files.map((file, index) => {
        const url = paths.documentFile(document.id, file.id);
        const label = `Fichier ${index + 1} sur ${files.length} : ${file.fileName}`;
        return (
          <figure key={file.id} class="document-file">
            {file.contentType === 'application/pdf' ? (
              <iframe src={url} title={label} sandbox="" class="document-frame" />
            ) : (
              <img src={url} alt={label} class="document-image" />
            )}
            <figcaption>
              {label} ({formatFileSize(file.size)}) —{' '}
              <a href={`${url}?telecharger=1`}>
                Télécharger<span class="visually-hidden"> {file.fileName}</span>
              </a>
            </figcaption>
          </figure>
        );
      })}
      {document.status === 'pending' ? (
        <>
          <section aria-labelledby="valider" class="file-section">
            <h2 id="valider">Valider</h2>
            <PostForm context={context} action={paths.validateDocument(document.id)}>
              <TextField
                form={validation}
                name="validFrom"
                label={VALIDATION_LABELS.validFrom}
                hint="JJ/MM/AAAA : en général la date du document."
                required
                short
              />
              <TextField
                form={validation}
                name="validUntil"
                label={VALIDATION_LABELS.validUntil}
                hint="JJ/MM/AAAA. Laissez vide pour une pièce valable sans limite."
                short
              />
              {asksQuotient ? <QuotientFields form={validation} /> : null}
              <button type="submit" class="button">
                Valider la pièce
              </button>
            </PostForm>
          </section>
          <section aria-labelledby="refuser" class="file-section">
            <h2 id="refuser">Refuser</h2>
            <PostForm context={context} action={paths.refuseDocument(document.id)}>
              <TextArea
                form={refusal}
                name="reason"
                label={REFUSAL_LABELS.reason}
                hint="La famille le lit dans le courriel qui la prévient : dites ce qui manque et quoi envoyer."
                required
                rows={4}
              />
              <button type="submit" class="button button--secondary">
                Refuser la pièce
              </button>
            </PostForm>
          </section>
        </>
      ) : document.validUntil ? (
        <p>
          Valable du {formatDay(document.validFrom!)} au {formatDay(document.validUntil)}.
        </p>
      ) : null}
    </Layout>
  );
}

/** The QF an attestation states, entered for the family's invoices when it is validated (source « attestation CAF/MSA »). */
function QuotientFields({ form }: { form: FormState }) {
  return (
    <fieldset class="field">
      <legend>Quotient familial de l’attestation</legend>
      <p>Il est enregistré au dossier de la famille et sert à ses factures.</p>
      <TextField
        form={form}
        name="qfValue"
        label={VALIDATION_LABELS.qfValue}
        hint="Un nombre entier, par exemple 712."
        inputMode="numeric"
        required
        short
      />
      <RadioGroup
        form={form}
        name="qfSource"
        legend={VALIDATION_LABELS.qfSource}
        options={[
          { value: 'caf', label: 'Attestation CAF' },
          { value: 'msa', label: 'Attestation MSA' },
        ]}
        required
      />
      <TextField form={form} name="qfFrom" label={VALIDATION_LABELS.qfFrom} hint="JJ/MM/AAAA." required short />
      <TextField form={form} name="qfTo" label={VALIDATION_LABELS.qfTo} hint="JJ/MM/AAAA." required short />
    </fieldset>
  );
}

import {
  Checkbox,
  type FormState,
  RadioGroup,
  TextArea,
  TextField,
} from '../../../../../platform/views/components/forms.js';
import {
  DATE_RANGES,
  DATE_RANGE_LABELS,
  type DemarcheField,
  FIELD_KINDS,
  FIELD_KIND_LABELS,
  OPTIONS_MAX,
} from '../../../domain/demarcheDefinition.js';
import { fieldLabels } from '../../demarcheForms.js';

/** The form's values from a stored question. */
export function fieldValues(field: DemarcheField): FormState['values'] {
  return {
    label: field.label,
    hint: field.hint,
    kind: field.kind,
    ...(field.required ? { required: 'oui' } : {}),
    options: field.options.join('\n'),
    dateRange: field.dateRange,
    documentType: field.documentType ?? '',
  };
}

/** A document type a question may ask for, as the set-up offers it. */
export interface DocumentTypeChoice {
  code: string;
  name: string;
  forChild?: boolean;
}

/** A new question's form starts as a required short text. */
export const newFieldValues = { kind: 'short-text', required: 'oui', dateRange: 'any' };

/** The fields of a question's definition, the same for a new one and an edit. */
export function FieldDefinitionFields({
  form,
  documentTypes,
}: {
  form: FormState;
  documentTypes: DocumentTypeChoice[];
}) {
  return (
    <>
      <TextField
        form={form}
        name="label"
        label={fieldLabels.label}
        hint="La question telle que les familles la liront, par exemple « Date du changement »."
        required
      />
      <TextField form={form} name="hint" label={fieldLabels.hint} hint="Facultatif : une précision, un exemple." />
      <RadioGroup
        form={form}
        name="kind"
        legend={fieldLabels.kind}
        required
        options={FIELD_KINDS.map((kind) => ({ value: kind, label: FIELD_KIND_LABELS[kind] }))}
      />
      <TextArea
        form={form}
        name="options"
        label={fieldLabels.options}
        hint={`Pour un choix dans une liste seulement : un choix par ligne, de 2 à ${OPTIONS_MAX}.`}
        rows={4}
      />
      <RadioGroup
        form={form}
        name="dateRange"
        legend={fieldLabels.dateRange}
        options={DATE_RANGES.map((range) => ({ value: range, label: DATE_RANGE_LABELS[range] }))}
      />
      {documentTypes.length > 0 ? (
        <RadioGroup
          form={form}
          name="documentType"
          legend={`${fieldLabels.documentType} (pour une pièce justificative seulement)`}
          options={documentTypes.map((type) => ({
            value: type.code,
            label: type.forChild ? `${type.name} (pour un enfant)` : `${type.name} (pour la famille)`,
          }))}
        />
      ) : null}
      <Checkbox form={form} name="required" label="Réponse obligatoire" />
    </>
  );
}

/** « Date — obligatoire — aujourd’hui ou avant »: a question's settings in a line. */
export function fieldSummary(field: DemarcheField, documentTypes: DocumentTypeChoice[] = []): string {
  const parts = [FIELD_KIND_LABELS[field.kind], field.required ? 'obligatoire' : 'facultative'];
  if (field.kind === 'document')
    parts.push(documentTypes.find((type) => type.code === field.documentType)?.name ?? field.documentType ?? '');
  if (field.kind === 'choice') parts.push(`choix : ${field.options.join(', ')}`);
  if (field.kind === 'date' && field.dateRange !== 'any') parts.push(DATE_RANGE_LABELS[field.dateRange].toLowerCase());
  return parts.join(' — ');
}

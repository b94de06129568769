import {
  Checkbox,
  type FieldLabels,
  type FormState,
  RadioGroup,
  TextField,
} from '../../../../../platform/views/components/forms.js';
import { dietOptions } from '../../../domain/diets.js';
import {
  LEAVES_ALONE_MIN_AGE,
  fieldGroups,
  preferredContactOptions,
  relationOptions,
  sexOptions,
} from '../../../domain/fieldGroups.js';
import type { EditableGroup } from '../../../familyFileService.js';
import { CONTACT_ROWS, contactKinds } from '../../../familyFileForms.js';

const rows = Array.from({ length: CONTACT_ROWS }, (_, row) => row);
const contactListLabels = { pickup: 'Personne autorisée', emergency: 'Personne à prévenir' } as const;
const contactFieldLabels = { name: 'Nom et prénom', phone: 'Téléphone', relation: 'Lien avec l’enfant' } as const;

/** The labels of a group's form by field name, in its order: what the error summary lists. */
export function groupLabels(group: EditableGroup | 'new-member'): FieldLabels {
  if (group !== 'contacts') return fieldGroups[group].fields;
  const labels: FieldLabels = {};
  for (const kind of contactKinds) {
    for (const row of rows) {
      for (const [field, label] of Object.entries(contactFieldLabels))
        labels[`${kind}-${row}-${field}`] =
          `${label} (${contactListLabels[kind].toLocaleLowerCase('fr-FR')} ${row + 1})`;
    }
  }
  return labels;
}

const birthDateHint = 'Au format JJ/MM/AAAA, par exemple 14/05/2018.';

/** The fields of a group's form, filled with `form`'s values. */
export function GroupFields({
  group,
  form,
  leavesAloneOffered,
}: {
  group: EditableGroup;
  form: FormState;
  leavesAloneOffered: boolean;
}) {
  switch (group) {
    case 'address':
      return (
        <>
          <TextField
            form={form}
            name="street"
            label="Numéro et voie"
            hint="Par exemple : 2 rue des Chariots"
            autocomplete="address-line1"
            required
          />
          <TextField
            form={form}
            name="streetComplement"
            label="Complément d'adresse"
            hint="Bâtiment, étage, lieu-dit…"
            autocomplete="address-line2"
          />
          <TextField
            form={form}
            name="postcode"
            label="Code postal"
            hint="5 chiffres"
            autocomplete="postal-code"
            inputMode="numeric"
            short
            required
          />
          <TextField form={form} name="city" label="Commune" autocomplete="address-level2" required />
        </>
      );
    case 'contact':
      return (
        <>
          <TextField
            form={form}
            name="email"
            type="email"
            label="Adresse e-mail"
            hint="Format attendu : nom@exemple.fr"
            autocomplete="email"
            spellcheck={false}
            required
          />
          <TextField
            form={form}
            name="phone"
            type="tel"
            label="Téléphone portable"
            hint="Par exemple : 06 12 34 56 78"
            autocomplete="tel"
          />
          <TextField form={form} name="homePhone" type="tel" label="Téléphone fixe" />
          <TextField form={form} name="workPhone" type="tel" label="Téléphone professionnel" />
          <RadioGroup
            form={form}
            name="preferredContact"
            legend="Moyen de contact préféré"
            options={preferredContactOptions}
            required
          />
        </>
      );
    case 'identity':
      return (
        <>
          <TextField form={form} name="firstName" label="Prénom" required />
          <TextField form={form} name="lastName" label="Nom" required />
          <TextField
            form={form}
            name="birthDate"
            label="Date de naissance"
            hint={birthDateHint}
            inputMode="numeric"
            short
            required
          />
          <RadioGroup form={form} name="sex" legend="Sexe" options={sexOptions} />
        </>
      );
    case 'school':
      return (
        <>
          <TextField form={form} name="schoolName" label="École" hint="Par exemple : École élémentaire Victor Hugo" />
          <TextField form={form} name="schoolClass" label="Classe" hint="Par exemple : CE2" short />
        </>
      );
    case 'diet':
      return <RadioGroup form={form} name="diet" legend="Régime alimentaire" options={dietOptions} required />;
    case 'health':
      return (
        <>
          <TextField
            form={form}
            name="allergies"
            label="Allergies"
            hint="Les allergies connues, par exemple : arachide. Laissez vide s’il n’y en a pas."
          />
          <Checkbox form={form} name="pai" label="Un projet d'accueil individualisé (PAI) est en place" />
          <TextField form={form} name="doctorName" label="Médecin traitant" hint="Nom du médecin" />
          <TextField
            form={form}
            name="doctorPhone"
            type="tel"
            label="Téléphone du médecin"
            hint="Par exemple : 01 39 74 29 12"
          />
        </>
      );
    case 'contacts':
      return (
        <>
          {contactKinds.map((kind) => (
            <fieldset key={kind} class="field">
              <legend>{fieldGroups.contacts.fields[kind]}</legend>
              <p class="hint">
                Jusqu’à {CONTACT_ROWS} personnes. Une ligne laissée vide est ignorée ; videz une ligne pour retirer la
                personne.
              </p>
              {rows.map((row) => (
                <fieldset key={row} class="field">
                  <legend>
                    {contactListLabels[kind]} {row + 1}
                  </legend>
                  <TextField form={form} name={`${kind}-${row}-name`} label={contactFieldLabels.name} />
                  <TextField
                    form={form}
                    name={`${kind}-${row}-phone`}
                    type="tel"
                    label={contactFieldLabels.phone}
                    hint="Par exemple : 06 12 34 56 78"
                  />
                  <TextField
                    form={form}
                    name={`${kind}-${row}-relation`}
                    label={contactFieldLabels.relation}
                    hint="Par exemple : grand-mère, voisin"
                  />
                </fieldset>
              ))}
            </fieldset>
          ))}
        </>
      );
    case 'consents':
      return (
        <>
          <Checkbox
            form={form}
            name="photoConsent"
            label="J’autorise les photos de mon enfant pendant les activités (droit à l’image)"
          />
          {leavesAloneOffered ? (
            <Checkbox
              form={form}
              name="leavesAloneConsent"
              label="J’autorise mon enfant à rentrer seul après les activités"
            />
          ) : (
            <p>
              Rentrer seul après les activités n’est possible qu’à partir de {LEAVES_ALONE_MIN_AGE} ans : d’ici là,
              l’enfant est toujours confié à un adulte.
            </p>
          )}
        </>
      );
  }
}

/** The fields of « Ajouter un membre du foyer ». */
export function NewMemberFields({ form }: { form: FormState }) {
  return (
    <>
      <TextField form={form} name="firstName" label="Prénom" required />
      <TextField form={form} name="lastName" label="Nom" required />
      <TextField
        form={form}
        name="birthDate"
        label="Date de naissance"
        hint={birthDateHint}
        inputMode="numeric"
        short
        required
      />
      <RadioGroup form={form} name="sex" legend="Sexe" options={sexOptions} />
      <RadioGroup form={form} name="relation" legend="Ce membre du foyer est" options={relationOptions} required />
    </>
  );
}

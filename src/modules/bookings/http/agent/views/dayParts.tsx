import type { FieldErrors } from '../../../../../platform/http/forms.js';
import { addDays, formatDay, type LocalDay } from '../../../../../shared/localDays.js';
import { personName } from '../../../../../doors/agent/views/deskParts.js';
import { dietLabel } from '../../../../families/domain/diets.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { ExpectedChild } from '../../../attendanceService.js';

/** The day and service a list or a sheet is about, as the filters send them back. */
export interface DayChoice {
  /** As typed, to show again. */
  typedDay: string;
  day: LocalDay;
  serviceId: string;
  school: string;
  errors: FieldErrors;
}

/** A filter that is a choice in a list. */
export function Select({
  name,
  label,
  value,
  options,
}: {
  name: string;
  label: string;
  value: string;
  options: { value: string; label: string }[];
}) {
  return (
    <div class="field">
      <label for={`champ-${name}`}>{label}</label>
      <select id={`champ-${name}`} name={name}>
        {options.map((option) => (
          <option key={option.value} value={option.value} selected={option.value === value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The day field: a date picker where the browser has one, a text field of AAAA-MM-JJ or JJ/MM/AAAA otherwise. */
export function DayField({ choice }: { choice: DayChoice }) {
  const error = choice.errors.jour;
  const described = ['champ-jour-aide', error ? 'champ-jour-erreur' : ''].filter(Boolean).join(' ');
  return (
    <div class={error ? 'field field--error' : 'field'}>
      <label for="champ-jour">Jour</label>
      <span class="hint" id="champ-jour-aide">
        Par exemple 17/11/2026
      </span>
      {error ? (
        <span class="field__error" id="champ-jour-erreur">
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      <input
        id="champ-jour"
        name="jour"
        type="date"
        value={error ? choice.typedDay : choice.day}
        aria-describedby={described}
        aria-invalid={error ? 'true' : undefined}
      />
    </div>
  );
}

export function serviceOptions(services: CatalogueService[]) {
  return services.map((service) => ({ value: service.id, label: service.name }));
}

/** « Jour précédent », « Aujourd’hui », « Jour suivant », keeping the other filters. */
export function DayNav({ href, day, today }: { href: (day: LocalDay) => string; day: LocalDay; today: LocalDay }) {
  return (
    <nav aria-label="Changer de jour" class="no-print">
      <ul class="pager">
        <li>
          <a href={href(addDays(day, -1))}>
            <span aria-hidden="true">← </span>Jour précédent
            <span class="visually-hidden"> : {formatDay(addDays(day, -1))}</span>
          </a>
        </li>
        {day !== today ? (
          <li>
            <a href={href(today)}>Aujourd’hui</a>
          </li>
        ) : null}
        <li>
          <a href={href(addDays(day, 1))}>
            Jour suivant<span class="visually-hidden"> : {formatDay(addDays(day, 1))}</span>
            <span aria-hidden="true"> →</span>
          </a>
        </li>
      </ul>
    </nav>
  );
}

export const childName = (child: Pick<ExpectedChild, 'firstName' | 'lastName'>) => personName(child);

/** « Absence signalée », and whether it is justified: its reason is a health fact the staff on site do not need. */
export function absenceText(absence: NonNullable<ExpectedChild['absence']>): string {
  return absence.justified ? 'Absence signalée, justifiée' : 'Absence signalée';
}

/** What the staff must know of a child at a glance: meal, PAI, allergies (only that there are some), lateness, absence (not its reason). */
export function childFlags(child: ExpectedChild): string[] {
  return [
    child.diet !== 'standard' ? dietLabel(child.diet) : '',
    child.pai ? 'PAI' : '',
    child.hasAllergies ? 'allergies : voir PAI' : '',
    child.late ? 'réservé hors délai' : '',
    child.source === 'pointage' ? 'ajouté au pointage' : '',
    child.absence ? absenceText(child.absence).toLowerCase() : '',
  ].filter(Boolean);
}

/** Where a child's place comes from: the unit booked, or the session. */
export function placeOf(child: ExpectedChild): string {
  return child.sessionName ?? child.unitLabel ?? 'Réservé';
}

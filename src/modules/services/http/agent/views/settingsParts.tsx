import type { ComponentChildren } from 'preact';
import type { FormState } from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { Notice } from '../../../../../doors/agent/views/deskParts.js';

/** A group of fields under its legend (RGAA 11.5 and 11.6). */
export function Group({ legend, children }: { legend: string; children: ComponentChildren }) {
  return (
    <fieldset class="settings-group">
      <legend>{legend}</legend>
      {children}
    </fieldset>
  );
}

/**
 * Checkboxes answering one question, each its own field (`name(value)`); the question's error links
 * to the first box, which bears the question's id.
 */
export function CheckboxGroup({
  form,
  name,
  legend,
  hint,
  options,
}: {
  form: FormState;
  name: string;
  legend: string;
  hint?: string;
  options: { field: string; label: string }[];
}) {
  const error = form.errors[name];
  const id = `champ-${name}`;
  const described = [hint ? `${id}-aide` : '', error ? `${id}-erreur` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset class={error ? 'field field--error' : 'field'} aria-describedby={described}>
      <legend>{legend}</legend>
      {hint ? (
        <span class="hint" id={`${id}-aide`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span class="field__error" id={`${id}-erreur`}>
          <span class="visually-hidden">Erreur : </span>
          {error}
        </span>
      ) : null}
      {options.map((option, index) => {
        const boxId = index === 0 ? id : `champ-${option.field}`;
        return (
          <div class="choice" key={option.field}>
            <input
              type="checkbox"
              id={boxId}
              name={option.field}
              value="oui"
              checked={form.values[option.field] === 'oui'}
            />
            <label for={boxId}>{option.label}</label>
          </div>
        );
      })}
    </fieldset>
  );
}

/** A day as a form shows it to be typed again: « 01/09/2026 ». */
export function dayInput(day: string): string {
  return formatShortDay(day);
}

/** « du 19/12/2026 au 03/01/2027 », or one day. */
export function dayRange(first: string, last: string): string {
  return first === last ? `le ${formatShortDay(first)}` : `du ${formatShortDay(first)} au ${formatShortDay(last)}`;
}

/** What the page says after a post / redirect / get, from its `fait`. */
export function DoneNotice({ texts, done }: { texts: Record<string, string>; done: string | undefined }) {
  const text = done && Object.hasOwn(texts, done) ? texts[done] : null;
  if (!text) return null;
  return (
    <Notice kind={done!.startsWith('inchange') ? 'info' : 'success'}>
      <p>{text}</p>
    </Notice>
  );
}

export const DATE_HINT = 'Au format JJ/MM/AAAA, par exemple 01/09/2026.';
export const TIME_HINT = 'Au format HH:MM, par exemple 10:00 ; 23:59:59 pour la toute fin de la journée.';

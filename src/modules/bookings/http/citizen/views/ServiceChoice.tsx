import type { ServiceUnit } from '../../../../services/domain/catalogueService.js';

type DataAttributes = Record<`data-${string}`, string>;

/**
 * One service on one day, as a family books it: a list of its units when it has several (« Matin »,
 * « Journée »…), a box to tick when it has one. The semaine type and the month both use it, so the
 * two read and behave alike.
 */
export function ServiceChoice({
  id,
  name,
  units,
  chosen,
  label,
  shown,
  none,
  describedBy,
  data = {},
  unitData = () => ({}),
}: {
  id: string;
  /** The form field. */
  name: string;
  units: ServiceUnit[];
  /** The unit chosen, or null when the day is not booked. */
  chosen: string | null;
  /** The service and the day (« Cantine, le lundi »): read, not seen, as the cell's column says them. */
  label: string;
  /**
   * What the label shows after it: the cell's state (« non réservé ») or the act (« réserver »). A list
   * of units without it is labelled for screen readers only, its options saying the rest.
   */
  shown?: string;
  /** The list's first option, for not booking that day. */
  none: string;
  /** The note that says more of the cell (its deadline, its price). */
  describedBy?: string;
  /** Attributes the month's script reads on the control. */
  data?: DataAttributes;
  /** Attributes the month's script reads on each unit's option or box; `null` is the « none » option. */
  unitData?: (code: string | null) => DataAttributes;
}) {
  const described = describedBy ? { 'aria-describedby': describedBy } : {};
  const labelText = (
    <>
      <span class="visually-hidden">{label} : </span>
      {shown}
    </>
  );
  if (units.length > 1)
    return (
      <>
        {shown === undefined ? (
          <label for={id} class="visually-hidden">
            {label}
          </label>
        ) : (
          <label for={id}>{labelText}</label>
        )}
        <select id={id} name={name} {...described} {...data}>
          <option value="" selected={chosen === null} {...unitData(null)}>
            {none}
          </option>
          {units.map((unit) => (
            <option key={unit.code} value={unit.code} selected={chosen === unit.code} {...unitData(unit.code)}>
              {unit.label}
            </option>
          ))}
        </select>
      </>
    );
  const only = units[0]!;
  return (
    <div class="choice">
      <input
        type="checkbox"
        id={id}
        name={name}
        value={only.code}
        checked={chosen !== null}
        {...described}
        {...unitData(only.code)}
        {...data}
      />
      <label for={id}>{labelText}</label>
    </div>
  );
}

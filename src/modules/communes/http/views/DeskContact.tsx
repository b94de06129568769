import { telHref } from '../../../../shared/format.js';
import type { Desk } from '../../domain/commune.js';

export function DeskContact({ desk }: { desk: Desk }) {
  return (
    <div class="desk">
      <p>
        <strong>{desk.name}</strong>
        <br />
        {desk.street}
        <br />
        {desk.postcode} {desk.city}
      </p>
      <p>
        Téléphone : <a href={telHref(desk.phone)}>{desk.phone}</a>
        <br />
        Courriel : <a href={`mailto:${desk.email}`}>{desk.email}</a>
      </p>
      <p class="desk__hours-title">Horaires d'ouverture :</p>
      <ul class="desk__hours">
        {desk.hours.map((slot, index) => (
          <li key={index}>
            {slot.days} : {slot.hours}
          </li>
        ))}
      </ul>
    </div>
  );
}

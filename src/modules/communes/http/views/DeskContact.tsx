import type { Desk } from '../../domain/commune.js';

/** "01 39 74 29 12" → "+33139742912", for tel: links. */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  return `tel:${digits.startsWith('0') ? `+33${digits.slice(1)}` : digits}`;
}

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

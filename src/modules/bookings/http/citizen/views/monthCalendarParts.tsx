import type { ComponentChildren } from 'preact';
import { formatDay, isoWeekday, type LocalDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { FamilyPrices } from '../../../../billing/familyPrices.js';
import type { CatalogueService } from '../../../../services/domain/catalogueService.js';
import type { CellState } from '../../../bookingService.js';
import { cellKey } from '../../../domain/cells.js';
import { cellField } from '../reservationForms.js';
import { dayInMonth, shortDateTime, unitLabel } from './reservationParts.js';
import { ServiceChoice } from './ServiceChoice.js';

/**
 * The states a cell of the month can be in, each with its mark: the mark is a shape a parent tells
 * apart without colour, and the word beside it says the state anyway (a screen reader reads the word,
 * not the mark).
 */
const MARKS = {
  reserve: '✓',
  'non-reserve': '○',
  majoration: '+',
  'hors-delai': '⊘',
  complet: '●',
  ferme: '✕',
  'reste-facture': '€',
  'non-inscrit': '–',
} as const;
type Mark = keyof typeof MARKS;

const LEGEND: { mark: Mark; word: string; meaning: string }[] = [
  { mark: 'reserve', word: 'réservé', meaning: 'la réservation est enregistrée' },
  { mark: 'non-reserve', word: 'non réservé', meaning: 'cochez la case pour réserver' },
  { mark: 'majoration', word: 'avec majoration jusqu’au …', meaning: 'réservation tardive : le prix est majoré' },
  { mark: 'hors-delai', word: 'hors délai', meaning: 'la date limite est passée : plus de modification' },
  { mark: 'complet', word: 'complet', meaning: 'plus de place ce jour-là' },
  { mark: 'ferme', word: 'fermé', meaning: 'pas d’accueil ce jour-là (la raison est indiquée)' },
  { mark: 'reste-facture', word: 'annulé après la date limite', meaning: 'reste facturé' },
];

function MarkOf({ mark }: { mark: Mark }) {
  return (
    <span class={`mark mark--${mark}`} aria-hidden="true">
      {MARKS[mark]}
    </span>
  );
}

export function Legend() {
  return (
    <div class="legend">
      <p id="legende" class="legend__title">
        Légende
      </p>
      <ul aria-labelledby="legende">
        {LEGEND.map(({ mark, word, meaning }) => (
          <li key={mark} class={`slot slot--${mark}`}>
            <MarkOf mark={mark} /> <strong>{word}</strong> : {meaning}
          </li>
        ))}
      </ul>
    </div>
  );
}

export const isEditable = (state: CellState): boolean =>
  state.kind === 'ouvert' && state.timing !== 'refused' && (state.bookedUnit !== null || !state.complet);

/** What the parent asked on the summary and came back to change: the unit wanted per cell (null: none). */
export type WantedCells = ReadonlyMap<string, string | null>;

/**
 * A day of the month: its name, then each service the child is enrolled in with its state. A day
 * closed for every service for one reason says it once. Its weekday places it in the grid of a
 * computer's screen; on a phone the days follow one another.
 */
export function DayItem({
  day,
  services,
  cells,
  prices,
  wanted,
}: {
  day: LocalDay;
  services: CatalogueService[];
  cells: { serviceId: string; state: CellState }[];
  prices?: FamilyPrices | undefined;
  wanted?: WantedCells | undefined;
}) {
  const first = cells[0]?.state;
  const allClosed =
    first?.kind === 'ferme' && cells.every(({ state }) => state.kind === 'ferme' && state.label === first.label);
  return (
    <li class={`day day--wd${isoWeekday(day)}${allClosed ? ' day--closed' : ''}`} data-jour={day}>
      <h3 class="day__name">{dayInMonth(day)}</h3>
      {allClosed ? (
        <p class="slot slot--ferme">
          <MarkOf mark="ferme" /> fermé <span class="cell-note">({first.label})</span>
        </p>
      ) : (
        <ul class="day__slots">
          {cells.map(({ serviceId, state }, index) => (
            <Slot key={serviceId} day={day} service={services[index]!} state={state} prices={prices} wanted={wanted} />
          ))}
        </ul>
      )}
    </li>
  );
}

type Open = Extract<CellState, { kind: 'ouvert' }>;

function Slot({
  day,
  service,
  state,
  prices,
  wanted,
}: {
  day: LocalDay;
  service: CatalogueService;
  state: CellState;
  prices?: FamilyPrices | undefined;
  wanted?: WantedCells | undefined;
}) {
  const name = <span class="slot__service">{service.name}</span>;
  if (state.kind === 'ferme')
    return (
      <li class="slot slot--ferme">
        <MarkOf mark="ferme" /> {name} : fermé <span class="cell-note">({state.label})</span>
      </li>
    );
  if (state.kind === 'non-inscrit')
    return (
      <li class="slot slot--non-inscrit">
        <MarkOf mark="non-inscrit" /> {name} : non inscrit
      </li>
    );
  const word = stateWord(service, state);
  const mark = markOf(state);
  if (!isEditable(state)) {
    return (
      <li class={`slot slot--${mark}${state.timing === 'refused' ? ' slot--hors-delai' : ''}`}>
        <MarkOf mark={mark} /> {name} : {word}
        {state.timing === 'refused' ? (
          <span class="cell-note">
            <MarkOf mark="hors-delai" /> hors délai
          </span>
        ) : null}
      </li>
    );
  }
  const id = `c-${day}-${service.id}`;
  const late = state.timing === 'late';
  const unitPrice = (code: string) => prices?.unit(day, service, code, (state.majorations[code] ?? 0) > 0) ?? null;
  // The script's preview reads the majoration at the family's tariff when it is known: the one the invoice applies.
  const majorationOf = (code: string) => unitPrice(code)?.majorationCents ?? state.majorations[code] ?? 0;
  const data = {
    'data-cellule': `${day}:${service.id}`,
    'data-jour': formatDay(day),
    'data-service': service.name,
    'data-actuel': state.bookedUnit ?? '',
    'data-delai': state.timing,
    'data-regle': state.majorationRule,
  };
  const key = cellKey({ serviceId: service.id, day });
  const chosen = wanted?.has(key) ? (wanted.get(key) ?? null) : state.bookedUnit;
  return (
    <li class={`slot slot--${mark}${late ? ' slot--majoration' : ''}`}>
      {/* Seen, not read: the control's label names the service and the day for a screen reader. */}
      <span class="slot__head slot__service" aria-hidden="true">
        <MarkOf mark={mark} /> {service.name}
      </span>
      <ServiceChoice
        id={id}
        name={cellField(day, service.id)}
        units={service.units}
        chosen={chosen}
        label={`${service.name}, ${formatDay(day)}`}
        shown={word}
        none="Pas de réservation"
        describedBy={`${id}-etat`}
        data={data}
        unitData={(code): Record<`data-${string}`, string> => {
          // The script's preview names the unit chosen and its majoration; a box needs only the latter.
          if (code === null) return { 'data-libelle': 'Pas de réservation' };
          const majoration = { 'data-majoration': String(majorationOf(code)) };
          return service.units.length > 1
            ? { 'data-libelle': unitLabel(service, code) ?? code, ...majoration }
            : majoration;
        }}
      />
      <span class="cell-note" id={`${id}-etat`}>
        {noteOf(service, state)}
        {prices ? <PriceNote service={service} price={unitPrice} /> : null}
      </span>
    </li>
  );
}

/** « réservé », « réservé : Journée », « complet », « annulé après la date limite (reste facturé) », « non réservé ». */
function stateWord(service: CatalogueService, state: Open): string {
  const withUnit = (text: string, code: string) =>
    `${text}${unitLabel(service, code) ? ` : ${unitLabel(service, code)}` : ''}`;
  if (state.bookedUnit) return withUnit('réservé', state.bookedUnit);
  if (state.complet) return 'complet';
  // A day cancelled late is still billed: booking it again puts it back without majoration.
  if (state.cancelledLate) return `${withUnit('annulé après la date limite', state.cancelledLate)} (reste facturé)`;
  return 'non réservé';
}

function markOf(state: Open): Mark {
  if (state.bookedUnit) return 'reserve';
  if (state.complet) return 'complet';
  if (state.cancelledLate) return 'reste-facture';
  return 'non-reserve';
}

function noteOf(service: CatalogueService, state: Open): string {
  if (state.timing === 'on-time') return `modifiable jusqu'au ${shortDateTime(state.onTimeUntil)}`;
  if (state.bookedUnit === null && state.cancelledLate !== null && service.units.length === 1)
    return `à réserver de nouveau sans majoration jusqu'au ${shortDateTime(state.cutoff)}`;
  return `avec majoration (${state.majorationRule}) jusqu'au ${shortDateTime(state.cutoff)}`;
}

/** « 3,56 € », « 3,56 € + 1,78 € de majoration », or each unit's price for a service of several. */
function PriceNote({
  service,
  price,
}: {
  service: CatalogueService;
  price: (code: string) => { unitPriceCents: number; majorationCents: number } | null;
}) {
  const text = (code: string) => {
    const priced = price(code);
    if (!priced) return '';
    const extra = priced.majorationCents > 0 ? ` + ${formatEuros(priced.majorationCents)} de majoration` : '';
    return `${formatEuros(priced.unitPriceCents)}${extra}`;
  };
  const parts: ComponentChildren =
    service.units.length === 1
      ? text(service.units[0]!.code)
      : service.units.map((unit) => `${unit.label} ${text(unit.code)}`).join(' · ');
  return <span class="price"> Prix : {parts}</span>;
}

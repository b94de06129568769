import { agentPaths } from '../../../../../doors/agent/agentPaths.js';
import { TableBox } from '../../../../../doors/agent/views/deskParts.js';
import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  RadioGroup,
  TextField,
  emptyForm,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { centsToEuroInput, formatEuros } from '../../../../../shared/money.js';
import type { TariffsSetUp } from '../../../tariffsService.js';
import { DATE_HINT, bracketsLabels, gridLabels, mealField, priceField, settingsLabels } from '../../billingForms.js';
import { billingPaths } from '../billingPaths.js';
import { DoneNotice, bracketRange } from './billingParts.js';

const done = {
  reglages: 'Les réglages des factures sont enregistrés.',
  tranches: 'Les tranches de quotient familial sont enregistrées.',
  grille: 'La grille est enregistrée : elle s’applique à partir de son premier jour.',
  session: 'Les prix de la session sont enregistrés.',
};

export type TariffsForm = 'settings' | 'brackets' | 'grid';

interface Props {
  context: PageContext;
  setUp: TariffsSetUp;
  /** The form that came back with errors, if any. */
  failed?: { form: TariffsForm; state: FormState };
  done?: string;
}

/** « Paramètres → Tarifs »: brackets of QF, the price grids of each unit, session prices, invoices' dates. */
export function TariffsPage({ context, setUp, failed, done: fait }: Props) {
  const commune = context.commune!;
  const paths = billingPaths(commune);
  const stateOf = (form: TariffsForm, initial: FormState): FormState =>
    failed?.form === form ? failed.state : initial;
  const { brackets, grids, services, sessions, sessionPrices, settings } = setUp;
  const settingsState = stateOf('settings', {
    values: {
      dueDays: String(settings.dueDays),
      onlinePaymentDays: String(settings.onlinePaymentDays),
      minimum: centsToEuroInput(settings.minimumCents),
    },
    errors: {},
  });
  const bracketsState = stateOf('brackets', {
    values: {
      bounds: brackets
        .flatMap((bracket) => (bracket.upperBound === null ? [] : [String(bracket.upperBound)]))
        .join(' ; '),
    },
    errors: {},
  });
  const gridState = stateOf('grid', emptyForm);
  // Holiday sessions are priced on their own (below), not by the unit of their service.
  const units = services.flatMap((service) =>
    (service.kind === 'vacances' ? [] : service.units).map((unit) => ({
      service,
      unit,
      grids: grids.filter((grid) => grid.serviceId === service.id && grid.unit === unit.code),
    })),
  );
  const title = 'Tarifs';
  return (
    <Layout context={context} title={failed ? formTitle(title, failed.state) : title}>
      <h1>{title}</h1>
      <p>
        <a href={agentPaths(commune).servicesSettings}>Retour aux paramètres</a>
      </p>
      <DoneNotice texts={done} done={fait} />
      <p>
        Les prix sont ceux votés par le conseil municipal. Une grille ne se modifie pas : un nouveau tarif est une
        nouvelle grille, à partir de son premier jour ; l’ancienne reste pour les jours d’avant et pour réimprimer les
        factures. Sans quotient familial valable un jour, la famille paie la tranche la plus haute.
      </p>

      <h2 id="tranches">Tranches de quotient familial</h2>
      {brackets.length === 0 ? (
        <p>Aucune tranche pour l’instant : les jours sont facturés au prix de réservation du service.</p>
      ) : (
        <ul>
          {brackets.map((bracket) => (
            <li key={bracket.rank}>
              Tranche {bracket.rank} : {bracketRange(brackets, bracket.rank)}
            </li>
          ))}
        </ul>
      )}
      {failed?.form === 'brackets' ? <ErrorSummary form={bracketsState} labels={bracketsLabels} /> : null}
      <PostForm context={context} action={paths.brackets}>
        <TextField
          form={bracketsState}
          name="bounds"
          label={bracketsLabels.bounds}
          hint="Le plafond de chaque tranche sauf la dernière, séparés par des points-virgules : « 400 ; 700 ; 1000 » fait 4 tranches."
          required
        />
        <button type="submit" class="button">
          Enregistrer les tranches
        </button>
      </PostForm>

      <h2 id="grilles">Grilles de prix</h2>
      {units.map(({ service, unit, grids: unitGrids }) => (
        <section key={`${service.id}:${unit.code}`}>
          <h3>
            {service.name}
            {service.units.length > 1 ? ` — ${unit.label}` : ''}
          </h3>
          {unitGrids.length === 0 ? (
            <p>Pas de grille : le prix de réservation ({formatEuros(unit.priceCents)}) s’applique à tous.</p>
          ) : (
            <TableBox label={`Grilles de ${service.name} ${unit.label}`}>
              <table class="data">
                <caption class="visually-hidden">
                  Grilles de prix de {service.name}, {unit.label}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">À partir du</th>
                    {brackets.map((bracket) => (
                      <th scope="col" key={bracket.rank}>
                        Tranche {bracket.rank}
                      </th>
                    ))}
                    <th scope="col">Hors commune</th>
                    <th scope="col">Délibération</th>
                  </tr>
                </thead>
                <tbody>
                  {unitGrids.map((grid) => (
                    <tr key={grid.id}>
                      <th scope="row">{formatShortDay(grid.startsOn)}</th>
                      {brackets.map((bracket) => {
                        const price = grid.prices.find((candidate) => candidate.bracketRank === bracket.rank);
                        return (
                          <td key={bracket.rank}>
                            {price ? formatEuros(price.priceCents) : '—'}
                            {price?.mealCents != null ? ` (repas ${formatEuros(price.mealCents)})` : ''}
                          </td>
                        );
                      })}
                      <td>{grid.nonResidentCents === null ? '—' : formatEuros(grid.nonResidentCents)}</td>
                      <td>{grid.decision || '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableBox>
          )}
        </section>
      ))}

      <h2 id="nouvelle-grille">Nouvelle grille</h2>
      {brackets.length === 0 ? (
        <p>Enregistrez d’abord les tranches de quotient familial.</p>
      ) : (
        <>
          {failed?.form === 'grid' ? <ErrorSummary form={gridState} labels={gridLabels(brackets)} /> : null}
          <PostForm context={context} action={paths.grids}>
            <RadioGroup
              form={gridState}
              name="serviceUnit"
              legend="Service et unité"
              options={units.map(({ service, unit }) => ({
                value: `${service.id}:${unit.code}`,
                label: service.units.length > 1 ? `${service.name} — ${unit.label}` : service.name,
              }))}
              required
            />
            <TextField
              form={gridState}
              name="startsOn"
              label="Premier jour d’application"
              hint={DATE_HINT}
              required
              short
              inputMode="numeric"
            />
            <TextField
              form={gridState}
              name="decision"
              label="Délibération"
              hint="La décision du conseil municipal qui fixe ce tarif, par exemple « Délibération n° 2026-45 du 12 juin 2026 »."
            />
            {brackets.map((bracket) => (
              <fieldset class="settings-group" key={bracket.rank}>
                <legend>
                  Tranche {bracket.rank} ({bracketRange(brackets, bracket.rank)})
                </legend>
                <TextField
                  form={gridState}
                  name={priceField(bracket.rank)}
                  label="Prix, en euros"
                  hint="Par exemple 3,45."
                  required
                  short
                />
                <TextField
                  form={gridState}
                  name={mealField(bracket.rank)}
                  label="Dont part repas, en euros"
                  hint="Facultatif : la part du repas, séparée de l’encadrement pour l’attestation fiscale."
                  short
                />
              </fieldset>
            ))}
            <TextField
              form={gridState}
              name="nonResident"
              label="Prix hors commune, en euros"
              hint="Facultatif : le prix d’une famille qui n’habite pas la commune, quel que soit son quotient."
              short
            />
            <button type="submit" class="button">
              Enregistrer la grille
            </button>
          </PostForm>
        </>
      )}

      <h2 id="sessions">Activités vacances</h2>
      {sessions.length === 0 ? (
        <p>Aucune session à venir.</p>
      ) : (
        <ul>
          {sessions.map((session) => (
            <li key={session.id}>
              <a href={paths.sessionPrices(session.id)}>{session.name}</a> :{' '}
              {sessionPrices.has(session.id) ? 'prix par tranche' : `prix unique de ${formatEuros(session.priceCents)}`}
            </li>
          ))}
        </ul>
      )}

      <h2 id="reglages">Factures</h2>
      {failed?.form === 'settings' ? <ErrorSummary form={settingsState} labels={settingsLabels} /> : null}
      <PostForm context={context} action={paths.settings}>
        <TextField
          form={settingsState}
          name="dueDays"
          label={settingsLabels.dueDays}
          hint="La date limite de paiement imprimée sur la facture."
          required
          short
          inputMode="numeric"
        />
        <TextField
          form={settingsState}
          name="onlinePaymentDays"
          label={settingsLabels.onlinePaymentDays}
          hint="Après cette date, la facture se paie au guichet unique jusqu’à l’échéance."
          required
          short
          inputMode="numeric"
        />
        <TextField
          form={settingsState}
          name="minimum"
          label={settingsLabels.minimum}
          hint="En euros : une facture plus petite n’est pas émise, ses jours passent sur le mois suivant. 0 pour aucun minimum."
          required
          short
        />
        <button type="submit" class="button">
          Enregistrer les réglages
        </button>
      </PostForm>
    </Layout>
  );
}

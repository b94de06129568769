import { Layout } from '../../../../../platform/views/Layout.js';
import type { PageContext } from '../../../../../platform/views/PageContext.js';
import {
  ErrorSummary,
  type FormState,
  PostForm,
  TextField,
  formTitle,
} from '../../../../../platform/views/components/forms.js';
import { formatShortDay } from '../../../../../shared/localDays.js';
import { formatEuros } from '../../../../../shared/money.js';
import type { QfBracket } from '../../../domain/quotient.js';
import { priceField } from '../../billingForms.js';
import { billingPaths } from '../billingPaths.js';
import { bracketRange } from './billingParts.js';

/** A holiday session's price per bracket of QF. */
export function SessionPricesPage({
  context,
  session,
  brackets,
  form,
}: {
  context: PageContext;
  session: { id: string; name: string; startsOn: string; endsOn: string; priceCents: number };
  brackets: QfBracket[];
  form: FormState;
}) {
  const paths = billingPaths(context.commune!);
  const title = `Prix de la session « ${session.name} »`;
  const labels = Object.fromEntries(
    brackets.map((bracket) => [priceField(bracket.rank), `Prix, tranche ${bracket.rank}`]),
  );
  return (
    <Layout context={context} title={formTitle(title, form)}>
      <h1>{title}</h1>
      <p>
        <a href={`${paths.tariffs}#sessions`}>Retour aux tarifs</a>
      </p>
      <p>
        Du {formatShortDay(session.startsOn)} au {formatShortDay(session.endsOn)}. Sans prix par tranche, la session
        coûte {formatEuros(session.priceCents)} à toutes les familles. La tranche est celle du quotient valable le
        premier jour.
      </p>
      {brackets.length === 0 ? (
        <p>Enregistrez d’abord les tranches de quotient familial.</p>
      ) : (
        <>
          <ErrorSummary form={form} labels={labels} />
          <PostForm context={context} action={paths.sessionPrices(session.id)}>
            {brackets.map((bracket) => (
              <TextField
                key={bracket.rank}
                form={form}
                name={priceField(bracket.rank)}
                label={`Prix, tranche ${bracket.rank} (${bracketRange(brackets, bracket.rank)}), en euros`}
                short
              />
            ))}
            <button type="submit" class="button">
              Enregistrer les prix
            </button>
          </PostForm>
        </>
      )}
    </Layout>
  );
}

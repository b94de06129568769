import { Notice } from '../../../../../doors/agent/views/deskParts.js';
import { formatShortDay } from '../../../../../shared/localDays.js';

/** The confirmation after a redirect (`?fait=`), when the word is one of the page's. */
export function DoneNotice({ texts, done }: { texts: Record<string, string>; done: string | undefined }) {
  const text = done && Object.hasOwn(texts, done) ? texts[done] : null;
  if (!text) return null;
  return (
    <Notice>
      <p>{text}</p>
    </Notice>
  );
}

/** « 01/09/2026 » as the forms show a stored day for editing. */
export const dayInput = (day: string) => formatShortDay(day);

/** « de 601 à 900 € », the range of a bracket under its bound. */
export function bracketRange(brackets: readonly { rank: number; upperBound: number | null }[], rank: number): string {
  const index = brackets.findIndex((bracket) => bracket.rank === rank);
  const bracket = brackets[index];
  if (!bracket) return '';
  const lower = index === 0 ? null : brackets[index - 1]!.upperBound;
  const euros = (value: number) => `${new Intl.NumberFormat('fr-FR').format(value)} €`;
  if (bracket.upperBound === null) return lower === null ? 'tous les QF' : `plus de ${euros(lower)}`;
  return lower === null
    ? `jusqu’à ${euros(bracket.upperBound)}`
    : `de ${euros(lower + 1)} à ${euros(bracket.upperBound)}`;
}

/**
 * French words that agree with a person or a count. A person's gender is known from a child's sex
 * (« F », « M ») or an adult's civility (« madame », « monsieur »); when neither is known, the
 * masculine (French's default) or a written-out form such as « né(e) » is used, as the caller says.
 */
export type Gender = 'feminine' | 'masculine' | null;

/** The gender a sex or a civility tells; null when it tells none (an empty sex, an unknown civility). */
export function genderOf(sexOrCivility: string | null | undefined): Gender {
  switch (sexOrCivility) {
    case 'F':
    case 'madame':
      return 'feminine';
    case 'M':
    case 'monsieur':
      return 'masculine';
    default:
      return null;
  }
}

/** « née » for her, « né » for him, and `unknown` (the masculine unless given) when the file does not say. */
export function agreed(
  sexOrCivility: string | null | undefined,
  forms: { masculine: string; feminine: string; unknown?: string },
): string {
  const gender = genderOf(sexOrCivility);
  if (gender === 'feminine') return forms.feminine;
  if (gender === 'masculine') return forms.masculine;
  return forms.unknown ?? forms.masculine;
}

/** « née » before a girl's birth date, « né » before a boy's, « né(e) » when the file does not say. */
export function born(sex: string | null | undefined): string {
  return agreed(sex, { masculine: 'né', feminine: 'née', unknown: 'né(e)' });
}

/** The word for a count: French puts 0 and 1 in the singular (« 0 demande », « 1 demande », « 2 demandes »). */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return Math.abs(count) >= 2 ? pluralForm : singular;
}

/** The count and its word: « 1 enfant », « 3 enfants », « 2 codes de secours » (with `pluralForm`). */
export function countOf(count: number, singular: string, pluralForm?: string): string {
  return `${count} ${plural(count, singular, pluralForm)}`;
}

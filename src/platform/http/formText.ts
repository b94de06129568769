/**
 * What a typed text may hold, the same in every form. A name is read by agents on the day lists and
 * the files, and by families on their pages: it must read as it is stored. A bidirectional override
 * (U+202E) shows « Martin » for what is stored as « nitraM », a zero-width space makes two accounts
 * look alike, a control character forges a line in a mail. These are refused with a French message
 * the user can act on, never silently removed: what is stored is what was typed.
 */

/** Characters that change the order in which a text reads: nothing a commune's form needs, anywhere. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

/**
 * Characters that show as nothing (or as a blank) and are not a space: format characters (zero-width
 * spaces and joiners, U+FEFF, U+2060, the soft hyphen, the bidi controls), line and paragraph
 * separators, private-use and lone surrogate code points, the combining grapheme joiner, the Hangul
 * and Mongolian fillers and variation selectors, the blank Braille pattern.
 */
const INVISIBLE =
  /[\p{Cf}\p{Zl}\p{Zp}\p{Co}\p{Cs}\u034F\u115F\u1160\u17B4\u17B5\u180B-\u180F\u2800\u3164\uFE00-\uFE0F\uFFA0]/u;

const CONTROL = /\p{Cc}/u;
/** Line breaks and tabs belong in a paragraph; no other control character does. */
const CONTROL_IN_PARAGRAPH = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;

/**
 * The fields that name a person or an account: first and last names, usernames, the login's
 * identifier, e-mail addresses, a contact's or a doctor's name, a commune's, an agent's or a session's
 * name. Forms name them so (`firstName`, `lastName`, `username`, `pickup-0-name`, `email`…): a new
 * form that follows the names gets the rule without asking for it.
 */
const NAMING_FIELD = /(?:name|identifier|email)$/i;

export const LINE_MESSAGE =
  'Ce champ contient un retour à la ligne ou un caractère invisible. Saisissez-le sur une seule ligne.';
export const PARAGRAPH_MESSAGE =
  'Ce texte contient un caractère invisible : retapez-le sans le coller, ou retirez ce caractère.';
export const INVISIBLE_MESSAGE =
  'Ce champ contient un caractère invisible ou qui inverse le sens de lecture, souvent venu d’un copier-coller : retapez-le au clavier.';

export function isNamingField(field: string): boolean {
  return NAMING_FIELD.test(field);
}

/**
 * The problem of one typed value, or null. Every field: no control character (except line breaks and
 * tabs in a paragraph), no bidirectional control; a field that names a person or an account: no
 * invisible character at all. Other fields keep the joiners that emoji and some scripts need.
 */
export function textProblem(field: string, value: string, options: { multiline?: boolean } = {}): string | null {
  if (options.multiline ? CONTROL_IN_PARAGRAPH.test(value) : CONTROL.test(value))
    return options.multiline ? PARAGRAPH_MESSAGE : LINE_MESSAGE;
  if (BIDI_CONTROLS.test(value) || (isNamingField(field) && INVISIBLE.test(value))) return INVISIBLE_MESSAGE;
  return null;
}

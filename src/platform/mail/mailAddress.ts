import { domainToASCII, domainToUnicode } from 'node:url';

/**
 * Whether an e-mail address can be mailed: the one rule every form that takes an address uses, so
 * that nothing is accepted that the relay would refuse later, when the user is gone.
 *
 * - the local part is a dot-atom (RFC 5322 § 3.2.3, as RFC 5321 § 4.1.2 sends it): letters, digits
 *   and ! # $ % & ' * + - / = ? ^ _ ` { | } ~, in runs separated by single dots; no quoted string, so
 *   no quote, comma, space, angle bracket, @ or control character; at most 64 characters (RFC 5321
 *   § 4.5.3.1.1). ASCII only: an accented local part needs SMTPUTF8, which many relays lack.
 * - the domain is a host name with at least one dot: labels of letters, digits and hyphens, none
 *   starting or ending with a hyphen, at most 63 characters each, a top-level label that is not all
 *   digits; no address literal ([192.0.2.1]), which no family or agent uses.
 * - an internationalised domain (mairie-évry.fr) is accepted: communes and their families have them,
 *   and nodemailer sends them in their ASCII form (xn--…), checked here by the same rule.
 * - the whole address is at most 254 characters (RFC 5321's path of 256 less its angle brackets),
 *   as typed and in its ASCII form.
 */
const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export const MAX_LOCAL_PART = 64;
export const MAX_ADDRESS = 254;

export function isMailableAddress(address: string): boolean {
  if (address.length > MAX_ADDRESS) return false;
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (local.length > MAX_LOCAL_PART || !LOCAL_PART.test(local)) return false;
  const ascii = asciiDomain(domain);
  if (ascii === null || local.length + 1 + ascii.length > MAX_ADDRESS) return false;
  const labels = ascii.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label)) && /[a-z]/.test(labels.at(-1)!);
}

/** The domain in ASCII (lower case, xn-- for an internationalised label), or null when it is no host name. */
function asciiDomain(domain: string): string | null {
  // Only letters, digits, hyphens and dots are asked of domainToASCII: it would also turn a space, a
  // comma or a full-width dot into something that looks valid.
  if (domain === '' || !/^[\p{L}\p{M}\p{N}.-]+$/u.test(domain)) return null;
  if (/^[\x00-\x7f]*$/.test(domain)) return domain.toLowerCase();
  // A domain typed in another form than its own (capitals, full-width letters) would be sent, label
  // by label, as another domain than the one checked: only the canonical spelling is taken.
  const ascii = domainToASCII(domain);
  return ascii !== '' && domainToUnicode(ascii) === domain ? ascii : null;
}

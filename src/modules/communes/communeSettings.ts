import { z } from 'zod';
import { textProblem } from '../../platform/http/formText.js';
import { isMailableAddress } from '../../platform/mail/mailAddress.js';
import { isValidSlug } from './domain/slug.js';

/**
 * What a commune's settings must be before they are stored: every one of them ends up in pages
 * (links, colours, texts), so nothing malformed gets that far.
 */
export const communeSettingsSchema = z.object({
  slug: z.string().refine(isValidSlug, 'lower-case words joined by hyphens, not a reserved path'),
  name: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .refine(
      (value) => textProblem('name', value) === null,
      'no control, bidirectional or invisible character: a name reads as it is stored',
    ),
  postcode: z.string().regex(/^\d{5}$/, 'five digits'),
  schoolZone: z.enum(['A', 'B', 'C']),
  brandColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb colour'),
  mainSiteUrl: z.url({ protocol: /^https?$/, error: 'an http(s) address' }),
  presentation: z.array(z.string().min(1)).min(1),
  accessibilityStatus: z.enum(['non conforme', 'partiellement conforme', 'totalement conforme']),
  desk: z.object({
    name: z.string().min(1),
    street: z.string().min(1),
    postcode: z.string().regex(/^\d{5}$/, 'five digits'),
    city: z.string().min(1),
    phone: z.string().regex(/^[\d +.]{8,20}$/, 'a phone number'),
    email: z.string().refine((value) => isMailableAddress(value), 'an e-mail address a relay takes'),
    hours: z.array(z.object({ days: z.string().min(1), hours: z.string().min(1) })).min(1),
  }),
  logo: z.object({ mediaType: z.enum(['image/svg+xml', 'image/png']), bytes: z.instanceof(Uint8Array) }).optional(),
});

export class InvalidCommuneSettingsError extends Error {}

export function checkCommuneSettings<T>(settings: T): T {
  const result = communeSettingsSchema.safeParse(settings);
  if (!result.success) {
    throw new InvalidCommuneSettingsError(
      `invalid commune settings: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return settings;
}

import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { parseForm } from '../../../../platform/http/forms.js';
import { queryOf } from '../../../../platform/http/query.js';
import { notFound } from '../../../../platform/http/refusals.js';
import { communePaths } from '../../../../platform/views/paths.js';
import { citizenOf, communeOf, requireCitizen } from '../../../../doors/citizen/citizenRequest.js';
import { needsValidation } from '../../../families/domain/fieldGroups.js';
import type { FamilyFileService } from '../../../families/familyFileService.js';
import { isComplete, phonesStanding } from '../../domain/profile.js';
import { type ProfileService, profileValuesOf } from '../../profileService.js';
import { profileForm } from './citizenForms.js';
import { ProfileEditPage } from './views/ProfileEditPage.js';
import { type FileAddress, type FilePhones, type ProfileNotice, ProfilePage } from './views/ProfilePage.js';

const noticeWords: Record<string, ProfileNotice> = {
  enregistre: 'changed',
  inchange: 'unchanged',
  reprise: 'copied',
  'telephones-repris': 'phones-copied',
};

/**
 * « Profil » of Mon espace: the account's address and phones, which the parent changes at once (they are
 * theirs), beside the family file's address and the parent's phones in it, which the commune uses; either
 * may be copied into the other.
 */
export function profileRoutes({
  profile,
  familyFile,
}: {
  profile: ProfileService;
  familyFile: FamilyFileService;
}): FastifyPluginAsync {
  /** The household's address and the parent's own phones in the file the account is linked to, if any. */
  const fileOf = async (request: FastifyRequest): Promise<{ address: FileAddress; phones: FilePhones } | null> => {
    const commune = communeOf(request);
    const adult = await familyFile.adultOfCitizen(commune.id, citizenOf(request).id);
    const file = adult && (await familyFile.file(commune.id, adult.familyId));
    if (!adult || !file) return null;
    const policies = await familyFile.policies(commune.id);
    const { street, streetComplement, postcode, city } = file.family;
    const { email, phone, homePhone, workPhone, preferredContact } = adult;
    return {
      address: {
        address: { street, streetComplement, postcode, city },
        validated: needsValidation('address', policies),
        pending: file.pending.some((change) => change.group === 'address'),
      },
      phones: {
        phones: { mobilePhone: phone, homePhone },
        contact: { email, phone, homePhone, workPhone, preferredContact },
        validated: needsValidation('contact', policies),
        pending: file.pending.some(
          (change) => change.group === 'contact' && change.target.kind === 'adult' && change.target.id === adult.id,
        ),
      },
    };
  };

  return async (app) => {
    app.addHook('preHandler', requireCitizen);

    app.get('/mon-espace', async (request, reply) => {
      const file = await fileOf(request);
      const notice = noticeWords[queryOf(request).fait ?? ''] ?? null;
      return reply.page((context) =>
        ProfilePage({
          context,
          citizen: citizenOf(request),
          file: file?.address ?? null,
          filePhones: file?.phones ?? null,
          notice,
        }),
      );
    });

    app.get('/mon-espace/profil', (request, reply) =>
      reply.page((context) =>
        ProfileEditPage({ context, form: { values: profileValuesOf(citizenOf(request)), errors: {} } }),
      ),
    );

    app.post('/mon-espace/profil', async (request, reply) => {
      const parsed = parseForm(profileForm, request.body);
      if (!parsed.ok) return reply.page((context) => ProfileEditPage({ context, form: parsed }), 400);
      const commune = communeOf(request);
      const { changed } = await profile.change(commune, citizenOf(request), parsed.data, 'form', request.ip);
      return reply.redirect(`${communePaths(commune).mySpace}?fait=${changed.length ? 'enregistre' : 'inchange'}`, 303);
    });

    // The address is read from the file here, never from the form: the button only says « copy it ».
    app.post('/mon-espace/profil/adresse-du-dossier', async (request, reply) => {
      const file = (await fileOf(request))?.address;
      if (!file || !isComplete(file.address)) return notFound(reply);
      const commune = communeOf(request);
      const citizen = citizenOf(request);
      const { changed } = await profile.change(
        commune,
        citizen,
        { ...profileValuesOf(citizen), ...file.address },
        'family-file',
        request.ip,
      );
      return reply.redirect(`${communePaths(commune).mySpace}?fait=${changed.length ? 'reprise' : 'inchange'}`, 303);
    });

    // The same for the phones: read from the parent's own entry in the file, never from the form.
    app.post('/mon-espace/profil/telephones-du-dossier', async (request, reply) => {
      const file = (await fileOf(request))?.phones;
      if (!file || phonesStanding(profileValuesOf(citizenOf(request)), file.phones) === 'file-empty')
        return notFound(reply);
      const commune = communeOf(request);
      const citizen = citizenOf(request);
      const { changed } = await profile.change(
        commune,
        citizen,
        { ...profileValuesOf(citizen), ...file.phones },
        'family-file-phones',
        request.ip,
      );
      return reply.redirect(
        `${communePaths(commune).mySpace}?fait=${changed.length ? 'telephones-repris' : 'inchange'}`,
        303,
      );
    });
  };
}

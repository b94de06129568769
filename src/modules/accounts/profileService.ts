import type { Db } from '../../platform/db/database.js';
import { inTransaction } from '../../platform/db/transaction.js';
import type { AuditLog } from '../audit/auditLog.js';
import type { Commune } from '../communes/domain/commune.js';
import type { Citizen, CitizensRepository } from './citizensRepository.js';
import {
  PROFILE_FIELDS,
  PROFILE_FIELD_LABELS,
  type ProfileField,
  type ProfileValues,
  changedProfileFields,
} from './domain/profile.js';

/** Where a profile's new values came from: typed in its form, or copied from the family file's address or phones. */
export type ProfileSource = 'form' | 'family-file' | 'family-file-phones';

const SOURCE_WORDS: Record<ProfileSource, string> = {
  form: 'formulaire du profil',
  'family-file': 'adresse du dossier famille',
  'family-file-phones': 'téléphones du dossier famille',
};

/** The profile's values of an account, as its form shows them. */
export function profileValuesOf(citizen: Citizen): ProfileValues {
  return Object.fromEntries(PROFILE_FIELDS.map((field) => [field, citizen[field]])) as ProfileValues;
}

/**
 * « Profil » as the parent changes it: only the fields that differ are written, with one line in the
 * audit log naming them (never their values). Nothing differs: nothing is written.
 */
export class ProfileService {
  constructor(private readonly deps: { db: Db; citizens: CitizensRepository; audit: AuditLog }) {}

  async change(
    commune: Commune,
    citizen: Citizen,
    next: ProfileValues,
    source: ProfileSource,
    ip: string,
  ): Promise<{ changed: ProfileField[] }> {
    const { db, citizens, audit } = this.deps;
    return inTransaction(db, async (tx) => {
      // Compared with the account as stored now, not as the page read it: a change from another tab counts.
      const current = (await citizens.findById(commune.id, citizen.id, tx)) ?? citizen;
      const changed = changedProfileFields(profileValuesOf(current), next);
      if (changed.length === 0) return { changed };
      await citizens.update(
        commune.id,
        citizen.id,
        Object.fromEntries(changed.map((field) => [field, next[field].trim()])),
        tx,
      );
      await audit.record(
        {
          communeId: commune.id,
          actor: { kind: 'citizen', id: citizen.id, label: citizen.username },
          action: 'citizen.profile.changed',
          ip,
          // Words, not codes: the journal shows them as they are.
          details: {
            fields: changed.map((field) => PROFILE_FIELD_LABELS[field]).join(', '),
            source: SOURCE_WORDS[source],
          },
        },
        tx,
      );
      return { changed };
    });
  }
}

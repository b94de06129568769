import type { BackupContents } from '../platform/db/dataDirBackup.js';

export function describeContents(contents: BackupContents): string {
  return `communes ${contents.communes}, families ${contents.families}, bookings ${contents.bookings}, requests ${contents.requests}, mails waiting ${contents.mails}`;
}

/** These commands copy a PGlite folder; a PostgreSQL server has its own tools, which hold everything. */
export function postgresRefusal(command: 'backup' | 'restore'): string {
  return command === 'backup'
    ? 'DATABASE_URL is set: this portal runs on PostgreSQL, whose backups are made with pg_dump, e.g.\n  pg_dump -Fc --dbname="$DATABASE_URL" --file=parvis.dump\n(see « Backups » in README.md). npm run backup copies the embedded database (DATA_DIR) only.'
    : 'DATABASE_URL is set: this portal runs on PostgreSQL, restored with pg_restore, e.g.\n  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" parvis.dump\n(see « Backups » in README.md). npm run restore loads the embedded database (DATA_DIR) only.';
}

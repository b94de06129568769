import { and, asc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { communeTexts, communes } from './communesSchema.js';
import type { AccessibilityStatus, Commune, CommuneText, CommuneTextKind } from './domain/commune.js';

// Everything but the logo's bytes, which only the logo route reads.
const { logo: _logoBytes, ...communeColumns } = getTableColumns(communes);

type CommuneRow = Omit<typeof communes.$inferSelect, 'logo'>;

function toCommune(row: CommuneRow): Commune {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    postcode: row.postcode,
    schoolZone: row.schoolZone,
    brandColor: row.brandColor,
    mainSiteUrl: row.mainSiteUrl,
    presentation: row.presentation,
    accessibilityStatus: row.accessibilityStatus as AccessibilityStatus,
    desk: {
      name: row.deskName,
      street: row.deskStreet,
      postcode: row.deskPostcode,
      city: row.deskCity,
      phone: row.deskPhone,
      email: row.deskEmail,
      hours: row.deskHours,
    },
    logoMediaType: row.logoMediaType,
    version: row.updatedAt.getTime().toString(36),
  };
}

export type NewCommune = Omit<Commune, 'id' | 'version' | 'logoMediaType'> & {
  logo?: { mediaType: string; bytes: Uint8Array };
};

/** SQL of the communes area. Every method that reads a commune's data takes the commune. */
export class CommunesRepository {
  constructor(private readonly db: Db) {}

  /** Runs `work` on a repository bound to one transaction: all its writes land, or none. */
  inTransaction<T>(work: (repository: CommunesRepository) => Promise<T>): Promise<T> {
    return this.db.transaction((tx) => work(new CommunesRepository(tx as unknown as Db)));
  }

  async findBySlug(slug: string): Promise<Commune | null> {
    const [row] = await this.db.select(communeColumns).from(communes).where(eq(communes.slug, slug)).limit(1);
    return row ? toCommune(row) : null;
  }

  async listAll(): Promise<Commune[]> {
    const rows = await this.db.select(communeColumns).from(communes).orderBy(asc(communes.name));
    return rows.map(toCommune);
  }

  async findText(commune: Commune, kind: CommuneTextKind): Promise<CommuneText | null> {
    const [row] = await this.db
      .select()
      .from(communeTexts)
      .where(and(eq(communeTexts.communeId, commune.id), eq(communeTexts.kind, kind)))
      .limit(1);
    return row ? { kind, title: row.title, sections: row.sections, updatedAt: row.updatedAt } : null;
  }

  async findLogo(commune: Commune): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    const [row] = await this.db
      .select({ mediaType: communes.logoMediaType, bytes: communes.logo })
      .from(communes)
      .where(eq(communes.id, commune.id))
      .limit(1);
    return row?.mediaType && row.bytes ? { mediaType: row.mediaType, bytes: row.bytes } : null;
  }

  async insert(data: NewCommune): Promise<Commune> {
    const { desk, logo, ...rest } = data;
    const [row] = await this.db
      .insert(communes)
      .values({
        ...rest,
        deskName: desk.name,
        deskStreet: desk.street,
        deskPostcode: desk.postcode,
        deskCity: desk.city,
        deskPhone: desk.phone,
        deskEmail: desk.email,
        deskHours: desk.hours,
        logoMediaType: logo?.mediaType ?? null,
        logo: logo?.bytes ?? null,
      })
      .returning(communeColumns);
    if (!row) throw new Error('commune insert returned nothing');
    return toCommune(row);
  }

  async saveText(commune: Commune, text: Omit<CommuneText, 'updatedAt'>, position = 0): Promise<void> {
    await this.db
      .insert(communeTexts)
      .values({ communeId: commune.id, kind: text.kind, title: text.title, sections: text.sections, position })
      .onConflictDoUpdate({
        target: [communeTexts.communeId, communeTexts.kind],
        set: { title: text.title, sections: text.sections, position, updatedAt: sql`now()` },
      });
  }
}

import type { Clock } from '../../platform/clock.js';
import { KeptCopies } from '../../platform/keptCopies.js';
import { NotFoundError } from '../../shared/errors.js';
import type { CommunesRepository, NewCommune } from './communesRepository.js';
import type { Commune, CommuneText, CommuneTextKind } from './domain/commune.js';
import { isValidSlug } from './domain/slug.js';
import { checkCommuneSettings } from './communeSettings.js';
import { guidePdf } from './guide/guidePdf.js';

/**
 * How long an instance trusts its copy of a commune's settings. Every request resolves its commune;
 * a short-lived copy spares the database that query on the hot path, and a change made through
 * another instance shows everywhere within this delay.
 */
const COMMUNE_CACHE_MS = 10_000;
/** Far more than a deployment serves: only known communes are kept, never what strangers type. */
const MAX_COMMUNES = 10_000;

export class CommunesService {
  readonly #cache: KeptCopies<Commune>;
  /** The guide's PDF per commune, rebuilt when the commune's settings change. */
  readonly #guides = new Map<string, { version: string; pdf: Promise<Buffer> }>();

  constructor(
    private readonly repository: CommunesRepository,
    private readonly clock: Clock,
  ) {
    this.#cache = new KeptCopies(clock, COMMUNE_CACHE_MS, MAX_COMMUNES);
  }

  /** The commune if this instance holds a fresh copy: lets the hot path skip a promise. */
  cached(slug: string): Commune | undefined {
    return this.#cache.get(slug);
  }

  /** The commune at the start of a URL, or null when there is none (the caller answers 404). */
  async resolve(slug: string): Promise<Commune | null> {
    if (!isValidSlug(slug)) return null;
    const cached = this.cached(slug);
    if (cached) return cached;
    const since = this.clock.now();
    const commune = await this.repository.findBySlug(slug);
    if (commune) this.#cache.set(slug, commune, since);
    else this.#cache.delete(slug);
    return commune;
  }

  directory(): Promise<Commune[]> {
    return this.repository.listAll();
  }

  async text(commune: Commune, kind: CommuneTextKind): Promise<CommuneText> {
    const text = await this.repository.findText(commune, kind);
    // Thrown rather than returned: the text is read inside a shared page's loader, which cannot answer 404 itself.
    if (!text) throw new NotFoundError(`text ${kind}`);
    return text;
  }

  /** The text if the commune wrote it, else null: optional blocks of a page. */
  optionalText(commune: Commune, kind: CommuneTextKind): Promise<CommuneText | null> {
    return this.repository.findText(commune, kind);
  }

  /** The commune's logo, or null when it has none. */
  logo(commune: Commune): Promise<{ mediaType: string; bytes: Uint8Array } | null> {
    return this.repository.findLogo(commune);
  }

  guidePdf(commune: Commune): Promise<Buffer> {
    const cached = this.#guides.get(commune.id);
    if (cached?.version === commune.version) return cached.pdf;
    const pdf = guidePdf(commune, this.clock.now());
    this.#guides.set(commune.id, { version: commune.version, pdf });
    pdf.catch(() => this.#guides.delete(commune.id));
    return pdf;
  }

  /** Adds a commune to the deployment (the platform operator's act; used by the seed for now). */
  async addCommune(data: NewCommune, texts: Omit<CommuneText, 'updatedAt'>[]): Promise<Commune> {
    checkCommuneSettings(data);
    return this.repository.inTransaction(async (repository) => {
      const commune = await repository.insert(data);
      for (const [position, text] of texts.entries()) await repository.saveText(commune, text, position);
      return commune;
    });
  }
}

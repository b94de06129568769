import type { Clock } from '../../platform/clock.js';
import { KeptCopies } from '../../platform/keptCopies.js';
import type { NewsItem, NewsRepository } from './newsRepository.js';

export type { NewsItem };

/**
 * The list of Mon accueil is the same for every family of a commune, and every family opens it
 * after its login: an instance keeps it as long as the commune's settings (ADR 0003), so a message
 * shows on Mon accueil at most 10 s after its publication instant.
 */
const KEEP_MS = 10_000;
const MAX_COMMUNES = 2000;

/** The commune's messages as Mon accueil reads them: only those published by now. */
export class NewsService {
  readonly #latest: KeptCopies<Promise<NewsItem[]>>;

  constructor(
    private readonly news: NewsRepository,
    private readonly clock: Clock,
  ) {
    this.#latest = new KeptCopies(clock, KEEP_MS, MAX_COMMUNES);
  }

  /** The latest published messages, newest first, as read at most 10 s ago. */
  published(communeId: string): Promise<NewsItem[]> {
    return this.#latest.promised(communeId, () => this.news.published(communeId, this.clock.now()));
  }

  /** One published message of the commune; another commune's, a later one or not a uuid is none. */
  find(communeId: string, id: string, now: Date): Promise<NewsItem | null> {
    return this.news.find(communeId, id, now);
  }
}

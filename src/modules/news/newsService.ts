import type { NewsItem, NewsRepository } from './newsRepository.js';

export type { NewsItem };

/** The commune's messages as Mon accueil reads them: only those published by now. */
export class NewsService {
  constructor(private readonly news: NewsRepository) {}

  /** The latest published messages, newest first. */
  published(communeId: string, now: Date): Promise<NewsItem[]> {
    return this.news.published(communeId, now);
  }

  /** One published message of the commune; another commune's, a later one or not a uuid is none. */
  find(communeId: string, id: string, now: Date): Promise<NewsItem | null> {
    return this.news.find(communeId, id, now);
  }
}

import type { Config } from './config.js';
import { type AssetStore, buildAssets } from './platform/assets/assets.js';
import { type Clock, startingClock, systemClock } from './platform/clock.js';
import type { Database } from './platform/db/database.js';
import { CommunesRepository } from './modules/communes/communesRepository.js';
import { CommunesService } from './modules/communes/communesService.js';

/** The one place where repositories and services are built and wired. Tests build it with their own clock. */
export interface Container {
  config: Pick<Config, 'mode' | 'trustProxy' | 'logLevel'>;
  database: Database;
  clock: Clock;
  assets: AssetStore;
  communes: CommunesService;
}

export function buildContainer(options: {
  config: Container['config'] & { now?: Date };
  database: Database;
  clock?: Clock;
  assets?: AssetStore;
}): Container {
  const { config, database } = options;
  const clock = options.clock ?? (config.now ? startingClock(config.now) : systemClock);
  return {
    config,
    database,
    clock,
    assets: options.assets ?? buildAssets(),
    communes: new CommunesService(new CommunesRepository(database.db), clock),
  };
}

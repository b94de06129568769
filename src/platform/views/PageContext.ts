import type { Commune } from '../../modules/communes/domain/commune.js';
import type { AssetUrls } from '../assets/assets.js';

/** What every page needs from the request around it. Built by the platform, passed to views. */
export interface PageContext {
  nonce: string;
  assets: AssetUrls;
  /** The commune whose portal this is; absent on the deployment's own pages. */
  commune?: Commune;
  now: Date;
}

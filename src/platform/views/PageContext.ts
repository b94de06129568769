import type { Commune } from '../../modules/communes/domain/commune.js';
import type { AssetUrls } from '../assets/assets.js';

/** What every page needs from the request around it. Built by the platform, passed to views. */
export interface PageContext {
  nonce: string;
  assets: AssetUrls;
  /** The commune whose portal this is; absent on the deployment's own pages. */
  commune?: Commune;
  now: Date;
  /** The path of the page asked (no query): the header marks its section's link as the current one. */
  path?: string;
  /** The token a state-changing form of this page sends back (platform/http/sessions.ts). */
  csrfToken(): string;
  /** Who is logged in, when someone is: their name and their door's navigation. */
  viewer?: Viewer;
}

/** The logged-in person as the page shell shows them; each door (citizen, agent) builds its own. */
export interface Viewer {
  name: string;
  /** The door's main navigation, in order. */
  navigation: { href: string; label: string }[];
  /** Where the « Déconnexion » button posts. */
  logoutAction: string;
  /** Where the « Rester connecté » button of the timeout warning posts. */
  extendAction: string;
  /** The idle timeout, told to the user so that nobody loses a form to it. */
  idleMinutes: number;
}

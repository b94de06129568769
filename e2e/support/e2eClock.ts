/**
 * The day the browser tests live on: Tuesday 17 November 2026 at 07:45, a school day before the 09:00
 * illness hour (DEADLINES.md case 10). The app starts its calendar there (`PARVIS_NOW`, demo mode) and
 * runs on; the specs compute their booking days from it, so that they mean the same thing on any day
 * they are run.
 */
export const E2E_NOW = '2026-11-17T07:45:00+01:00';
export const E2E_TODAY = '2026-11-17';

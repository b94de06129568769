import { describe, expect, it } from 'vitest';
import { belrive, chanteloup } from '../../demo/demoCommunes.js';
import { checkCommuneSettings } from './communeSettings.js';

describe('checkCommuneSettings', () => {
  it('accepts the demo communes', () => {
    expect(() => checkCommuneSettings(chanteloup.commune)).not.toThrow();
    expect(() => checkCommuneSettings(belrive.commune)).not.toThrow();
  });

  it('refuses what would break a page or open a hole', () => {
    const base = chanteloup.commune;
    for (const [field, bad] of [
      ['mainSiteUrl', 'javascript:alert(1)'],
      ['brandColor', 'red'],
      ['accessibilityStatus', 'conforme'],
      ['slug', 'assets'],
      ['postcode', '7857'],
      ['name', 'Chanteloup\u202E-seniV'],
      ['name', 'Chante\u200Bloup'],
    ] as const) {
      expect(() => checkCommuneSettings({ ...base, [field]: bad }), field).toThrow(new RegExp(field));
    }
    expect(() => checkCommuneSettings({ ...base, desk: { ...base.desk, email: 'guichet@mairie.fr,autre' } })).toThrow(
      /email/,
    );
  });
});

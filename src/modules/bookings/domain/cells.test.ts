import { describe, expect, it } from 'vitest';
import { byCell, cellKey } from './cells.js';

describe('cellKey', () => {
  it('is the same for the same day and service, whatever else the cell carries', () => {
    expect(cellKey({ day: '2026-11-17', serviceId: 'canteen' })).toBe(
      cellKey({ serviceId: 'canteen', day: '2026-11-17', unit: 'jour' } as never),
    );
  });

  it('differs when the day or the service differs', () => {
    const keys = new Set([
      cellKey({ day: '2026-11-17', serviceId: 'canteen' }),
      cellKey({ day: '2026-11-18', serviceId: 'canteen' }),
      cellKey({ day: '2026-11-17', serviceId: 'evening' }),
    ]);
    expect(keys.size).toBe(3);
  });

  it('names the service, then the day: the places of one service are read back by day', () => {
    expect(cellKey({ day: '2026-11-17', serviceId: 'canteen' })).toBe('canteen|2026-11-17');
  });
});

describe('byCell', () => {
  it('orders by day, then by service id', () => {
    const cells = [
      { day: '2026-11-18', serviceId: 'a' },
      { day: '2026-11-17', serviceId: 'b' },
      { day: '2026-11-17', serviceId: 'a' },
      { day: '2026-11-17', serviceId: 'a' },
    ];
    expect([...cells].sort(byCell)).toEqual([
      { day: '2026-11-17', serviceId: 'a' },
      { day: '2026-11-17', serviceId: 'a' },
      { day: '2026-11-17', serviceId: 'b' },
      { day: '2026-11-18', serviceId: 'a' },
    ]);
  });
});

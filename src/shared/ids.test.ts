import { describe, expect, it } from 'vitest';
import { isUuid, timeOrderedId } from './ids.js';

describe('timeOrderedId', () => {
  it('gives uuids of version 7 that sort in the order they were made, none twice', () => {
    const ids = Array.from({ length: 20_000 }, () => timeOrderedId());
    expect(ids.every((id) => isUuid(id) && id[14] === '7' && '89ab'.includes(id[19]!))).toBe(true);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

import { describe, expect, it } from 'vitest';
import { UploadSlots } from './uploadSlots.js';

describe('upload slots', () => {
  it('runs at most `size` uploads at once, the others in turn, and gives up on a wait too long', async () => {
    const slots = new UploadSlots(1, 50);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const first = slots.run(() => held.then(() => 'first'));
    // A second one finds no slot before its wait ends.
    expect(await slots.run(async () => 'second')).toEqual({ ran: false });
    const third = slots.run(async () => 'third');
    release();
    expect(await first).toEqual({ ran: true, value: 'first' });
    expect(await third).toEqual({ ran: true, value: 'third' });
    // A work that answers nothing still counts as run.
    expect(await slots.run(async () => undefined)).toEqual({ ran: true, value: undefined });
  });
});

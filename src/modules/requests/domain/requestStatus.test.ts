import { describe, expect, it } from 'vitest';
import { REQUEST_STATUSES, isOpen, nextStatus } from './requestStatus.js';

describe('request status', () => {
  it('lets the family cancel only a request nobody has started on', () => {
    expect(nextStatus('deposee', 'cancel')).toBe('annulee');
    for (const status of ['en-cours', 'a-completer', 'acceptee', 'refusee', 'annulee'])
      expect(nextStatus(status, 'cancel')).toBeNull();
  });

  it('puts a request back in the agents’ hands when the family answers « à compléter »', () => {
    expect(nextStatus('a-completer', 'family-message')).toBe('en-cours');
    expect(nextStatus('deposee', 'family-message')).toBe('deposee');
    expect(nextStatus('en-cours', 'family-message')).toBe('en-cours');
  });

  it('decides from every open status and never from a closed one', () => {
    for (const status of REQUEST_STATUSES) {
      const open = isOpen(status);
      expect(nextStatus(status, 'accept')).toBe(open ? 'acceptee' : null);
      expect(nextStatus(status, 'refuse')).toBe(open ? 'refusee' : null);
      expect(nextStatus(status, 'take')).toBe(open ? (status === 'deposee' ? 'en-cours' : status) : null);
      expect(nextStatus(status, 'family-message') === null).toBe(!open);
    }
  });

  it('asks for more only once until the family answers', () => {
    expect(nextStatus('deposee', 'ask-more')).toBe('a-completer');
    expect(nextStatus('en-cours', 'ask-more')).toBe('a-completer');
    expect(nextStatus('a-completer', 'ask-more')).toBeNull();
  });
});

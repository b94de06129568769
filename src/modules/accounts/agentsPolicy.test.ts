import { describe, expect, it } from 'vitest';
import { agentMay } from './agentsPolicy.js';

const commune = 'c1';
const agent = (role: string, disabledAt: Date | null = null) => ({ communeId: commune, role, disabledAt });

describe('agentMay', () => {
  it('gives administrators everything in their commune', () => {
    for (const permission of ['dashboard', 'families', 'child-keys', 'agents', 'audit'] as const) {
      expect(agentMay(agent('administrateur'), permission, commune), permission).toBe(true);
    }
  });

  it('gives agents the families and the keys, not the agents nor the log', () => {
    expect(agentMay(agent('agent'), 'families', commune)).toBe(true);
    expect(agentMay(agent('agent'), 'child-keys', commune)).toBe(true);
    expect(agentMay(agent('agent'), 'agents', commune)).toBe(false);
    expect(agentMay(agent('agent'), 'audit', commune)).toBe(false);
  });

  it('gives animateurs the home page, the day lists and the pointage only', () => {
    expect(agentMay(agent('animateur'), 'dashboard', commune)).toBe(true);
    expect(agentMay(agent('animateur'), 'day-lists', commune)).toBe(true);
    expect(agentMay(agent('animateur'), 'attendance', commune)).toBe(true);
    for (const permission of ['families', 'health', 'sessions', 'settings', 'requests'] as const) {
      expect(agentMay(agent('animateur'), permission, commune)).toBe(false);
    }
  });

  it('keeps the services set-up for administrators', () => {
    expect(agentMay(agent('administrateur'), 'settings', commune)).toBe(true);
    expect(agentMay(agent('agent'), 'settings', commune)).toBe(false);
    expect(agentMay(agent('agent'), 'sessions', commune)).toBe(true);
  });

  it('gives nothing in another commune, to a disabled agent, or to an unknown role', () => {
    expect(agentMay(agent('administrateur'), 'dashboard', 'c2')).toBe(false);
    expect(agentMay(agent('administrateur', new Date()), 'dashboard', commune)).toBe(false);
    expect(agentMay(agent('maire'), 'dashboard', commune)).toBe(false);
    expect(agentMay(agent('toString'), 'dashboard', commune)).toBe(false);
  });
});

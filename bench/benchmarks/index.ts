import type { Benchmark } from '../lib/benchmark.js';
import { login } from './login.js';
import { publicHome } from './publicHome.js';

/** Every benchmark `npm run bench` runs, in this order. */
export const benchmarks: Benchmark[] = [publicHome, login];

import type { Benchmark } from '../lib/benchmark.js';
import { bookWeek } from './bookWeek.js';
import { invoiceRun } from './invoiceRun.js';
import { uploadMemory, uploadPdf } from './documentUploads.js';
import { login } from './login.js';
import { openingRush } from './openingRush.js';
import { publicHome } from './publicHome.js';
import { rentree } from './rentree.js';
import { startMemory } from './startMemory.js';

/** Every benchmark `npm run bench` runs, in this order. */
export const benchmarks: Benchmark[] = [
  publicHome,
  login,
  bookWeek,
  openingRush,
  rentree,
  invoiceRun,
  uploadMemory,
  uploadPdf,
  startMemory,
];

// `npm start`: the portal from its compiled bundle (scripts/compiledApp.js, ADR 0038), or from the
// sources through tsx when the bundle cannot be written.
import { pathToFileURL } from 'node:url';
import { compiledApp } from './compiledApp.js';

const bundle = await compiledApp();
if (bundle) {
  // Stack traces name the sources' lines, not the bundle's.
  process.setSourceMapsEnabled(true);
  await import(pathToFileURL(bundle).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/main.ts');
}

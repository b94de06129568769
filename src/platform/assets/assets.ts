import { createHash } from 'node:crypto';
import { notFound } from '../http/refusals.js';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';

/**
 * Static assets, self-hosted, under names that carry a hash of their content, so that browsers may
 * keep them for a year. They are few and small: read once at boot and served from memory.
 */
export interface AssetUrls {
  css: string;
  favicon: string;
  /** The session-timeout warning of logged-in pages. */
  sessionScript: string;
  /** The live summary of the reservations calendar (progressive enhancement). */
  reservationsScript: string;
}

interface Asset {
  body: Buffer;
  type: string;
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('@fontsource/atkinson-hyperlegible/package.json')), 'files');

const contentTypes: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.js': 'text/javascript; charset=utf-8',
  '.woff2': 'font/woff2',
};

function hashedName(logical: string, body: Buffer): string {
  const ext = path.extname(logical);
  const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
  return `${logical.slice(0, -ext.length)}.${hash}${ext}`;
}

export interface AssetStore {
  urls: AssetUrls;
  get(name: string): Asset | undefined;
}

export function buildAssets(prefix = '/assets'): AssetStore {
  const files = new Map<string, Asset>();
  const add = (logical: string, body: Buffer): string => {
    const name = hashedName(logical, body);
    files.set(name, { body, type: contentTypes[path.extname(logical)] ?? 'application/octet-stream' });
    return `${prefix}/${name}`;
  };

  // Fonts first: the stylesheet names them by their hashed URLs.
  const fonts: Record<string, string> = {
    'atkinson-400.woff2': add(
      'atkinson-400.woff2',
      readFileSync(path.join(fontDir, 'atkinson-hyperlegible-latin-400-normal.woff2')),
    ),
    'atkinson-700.woff2': add(
      'atkinson-700.woff2',
      readFileSync(path.join(fontDir, 'atkinson-hyperlegible-latin-700-normal.woff2')),
    ),
  };
  // The stylesheet names its fonts `url('fonts/…')` (either quote): each becomes its hashed address.
  const css = readFileSync(path.join(root, 'public/css/app.css'), 'utf8').replace(
    /url\((["'])fonts\/([^"']+)\1\)/g,
    (whole, _quote: string, font: string) => (fonts[font] ? `url("${fonts[font]}")` : whole),
  );
  return {
    urls: {
      css: add('app.css', Buffer.from(css)),
      favicon: add('favicon.svg', readFileSync(path.join(root, 'public/favicon.svg'))),
      sessionScript: add('session.js', readFileSync(path.join(root, 'public/js/session.js'))),
      reservationsScript: add('reservations.js', readFileSync(path.join(root, 'public/js/reservations.js'))),
    },
    get: (name) => files.get(name),
  };
}

export function registerAssets(app: FastifyInstance, store: AssetStore): void {
  app.get<{ Params: { name: string } }>('/assets/:name', async (request, reply) => {
    const asset = store.get(request.params.name);
    if (!asset) return notFound(reply);
    return reply.header('cache-control', 'public, max-age=31536000, immutable').type(asset.type).send(asset.body);
  });
}

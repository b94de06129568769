// The portal as `npm start` runs it: src/ bundled once into plain JavaScript, kept in
// node_modules/.cache/parvis/app-<digest> and made again only when a source changes (ADR 0038).
// Plain JavaScript itself: what starts the portal must not need a TypeScript loader.
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

const projectRoot = path.resolve(import.meta.dirname, '..');
const ENTRY = 'src/main.ts';
const TESTS = /\.test\.tsx?$/;

/**
 * The bundle's path, made first if the sources changed since it was made; `null` when it cannot be
 * written (node_modules read-only), for the caller to run the sources as they are.
 */
export async function compiledApp(root = projectRoot) {
  const dir = path.join(root, 'node_modules/.cache/parvis');
  const bundle = path.join(dir, `app-${await sourcesDigest(root)}`, 'main.js');
  if (await fs.stat(bundle).catch(() => null)) return bundle;
  try {
    await build(root, path.dirname(bundle));
  } catch (error) {
    if (!['EACCES', 'EPERM', 'EROFS'].includes(error.code)) throw error;
    console.log(`The compiled portal cannot be written in ${dir} (${error.code}): the sources are run as they are.`);
    return null;
  }
  return bundle;
}

/**
 * What the bundle depends on: every file of src/ but the tests, the compiler's settings and version,
 * and this file (how it bundles). Read in full, not by date: a checkout or a copy keeps no dates.
 */
export async function sourcesDigest(root = projectRoot) {
  const digest = createHash('sha256');
  const { version } = JSON.parse(await fs.readFile(path.join(root, 'node_modules/esbuild/package.json'), 'utf8'));
  digest.update(version).update(await fs.readFile(path.join(root, 'tsconfig.json')));
  digest.update(await fs.readFile(import.meta.filename));
  const files = (await fs.readdir(path.join(root, 'src'), { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile() && !TESTS.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
  const contents = await Promise.all(files.map((file) => fs.readFile(file)));
  files.forEach((file, n) => digest.update(path.relative(root, file)).update(contents[n]));
  return digest.digest('hex').slice(0, 16);
}

/**
 * One ES module of our code (the packages stay in node_modules, imported as they are), made aside
 * and renamed into place: a portal started meanwhile never reads half a bundle. The bundles of
 * earlier sources are removed.
 */
async function build(root, outdir) {
  const partial = `${outdir}.${process.pid}.partial`;
  await fs.rm(partial, { recursive: true, force: true });
  await bundle(root, ENTRY, path.join(partial, 'main.js'), outdir);
  await fs.rename(partial, outdir).catch(async (error) => {
    // Another start made it first: theirs serves.
    await fs.rm(partial, { recursive: true, force: true });
    if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
  });
  const cache = path.dirname(outdir);
  for (const name of await fs.readdir(cache))
    if (name.startsWith('app-') && !name.includes('.') && path.join(cache, name) !== outdir)
      await fs.rm(path.join(cache, name), { recursive: true, force: true });
}

/**
 * One entry of the sources bundled as the portal is: one ES module of our code, the packages left
 * in node_modules, `import.meta.url` of each source kept. `outdir` is the folder the bundle will
 * finally live in (its files beside the sources are found from there). Also used by the rentrée
 * benchmark, whose instances run compiled as `npm start` runs the portal.
 */
export async function bundle(root, entry, outfile, outdir = path.dirname(outfile)) {
  const esbuild = await import('esbuild');
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Error names and stack traces as in the sources.
    keepNames: true,
    sourcemap: 'linked',
    sourcesContent: false,
    logLevel: 'warning',
    plugins: [filesBesideTheSources(outdir)],
  });
}

/**
 * A module that finds a file beside itself (`new URL('./x', import.meta.url)`: the migrations, the
 * assets, the list of common passwords) finds it from the bundle too: its `import.meta.url` becomes
 * its source file's address, written relative to the bundle so that the checkout may move.
 */
function filesBesideTheSources(outdir) {
  return {
    name: 'files-beside-the-sources',
    setup(build) {
      build.onLoad({ filter: /\.tsx?$/ }, async ({ path: file }) => {
        const source = await fs.readFile(file, 'utf8');
        const loader = file.endsWith('.tsx') ? 'tsx' : 'ts';
        if (/import\.meta\.(dirname|filename)/.test(source))
          return { errors: [{ text: 'import.meta.dirname and .filename are not rewritten: use import.meta.url' }] };
        const relative = path.relative(outdir, file).split(path.sep).join('/');
        const sourceUrl = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', sourceUrl), loader };
      });
    },
  };
}

/** The bundle `npm start` runs, made first if the sources changed; `null` if it cannot be written. */
export function compiledApp(root?: string): Promise<string | null>;
/** The digest of what the bundle is made of (every file of src/ but the tests, the compiler and its settings). */
export function sourcesDigest(root?: string): Promise<string>;
/** One entry of the sources bundled as the portal is, into `outfile`; its files beside the sources found from `outdir`. */
export function bundle(root: string, entry: string, outfile: string, outdir?: string): Promise<void>;

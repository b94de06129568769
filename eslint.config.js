// The lint `npm test` runs (ADR 0011): typescript-eslint's recommended rules, and the import rules that
// keep the code's layers apart: no cycle, pure domains, pages without SQL, modules that use each other
// only through what they publish. Each boundary below says what it protects.
import path from 'node:path';
import { readdirSync } from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { noCycleCountingTypes } from './eslint/importCycles.js';

const root = import.meta.dirname;
const at = (...parts) => path.join(root, ...parts);
const modules = readdirSync(at('src/modules'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

const tests = ['**/*.test.ts', '**/*.test.tsx'];

/**
 * What a module publishes to the others beside its top-level files and `domain/`: pages of another module
 * reuse these parts of its `http/`, nothing else of it.
 */
const sharedPageParts = [
  // The guard of every family page (the family found from the account, never from the request).
  'src/modules/families/http/citizen/familyRequest',
  // « Contacter le guichet », the commune's desk shown wherever a family is sent to it.
  'src/modules/communes/http/views/DeskContact',
  // A child's next days, shown on the member's page of « Ma famille ».
  'src/modules/bookings/http/citizen/views/agendaParts',
  // The upload refusals in words, for every form that takes files into the vault.
  'src/modules/documents/http/uploadMessages',
  // The one reading of a multi-line message field, shared by every form that files a request.
  'src/modules/requests/http/requestForms',
  // « Payer en ligne » on the family's invoice page (payments'), the button and route being online payments'.
  'src/modules/onlinePayments/http/citizen/PayOnlinePanel',
  // An invoice's online payment attempts, on the desk's invoice page (billing's).
  'src/modules/onlinePayments/http/agent/AttemptsTable',
];

/** `domain/` and `src/shared/` are pure: nothing of ours but `src/shared/` (and other domains' rules). */
const pureZones = [
  {
    target: at('src/modules/*/domain/**'),
    from: at('src/**'),
    except: [at('src/shared/**'), at('src/modules/*/domain/**')],
    message: 'A domain holds pure rules: it imports src/shared/ and domains only.',
  },
  {
    target: at('src/shared/**'),
    from: at('src/**'),
    except: [at('src/shared/**')],
    message: 'src/shared/ is the kernel every layer uses: it imports nothing of ours.',
  },
];

const layerZones = [
  // Rule 3: a page reaches data through its services only.
  {
    target: at('src/modules/*/http/**'),
    from: at('src/platform/db/**'),
    message: 'A route or a view reaches the database through a service, never directly.',
  },
  // Rule 4: modules use each other through their top-level files and domains, never another's pages.
  ...modules.map((name) => ({
    target: at(`src/modules/${name}/**`),
    from: at(`src/modules/!(${name})/http/**`),
    except: sharedPageParts.map((file) => at(`${file}.{ts,tsx}`)),
    message: "Another module's http/ is its own; use its services, types or domain (or a shared page part).",
  })),
  {
    target: at('src/doors/**'),
    from: at('src/modules/*/http/**'),
    message: 'A door knows who is at it, never the pages behind it.',
  },
  // The platform knows one thing of the business, the tenant: the commune's domain.
  {
    target: [at('src/platform/!(db)/**'), at('src/platform/*')],
    from: [at('src/modules/**'), at('src/doors/**')],
    except: [at('src/modules/communes/domain/**')],
    message: 'The platform knows the commune (communes/domain), no other module and no door.',
  },
  // …and the database gathers the modules' tables.
  {
    target: at('src/platform/db/**'),
    from: [at('src/modules/**'), at('src/doors/**')],
    except: [at('src/modules/communes/domain/**'), at('src/modules/*/*Schema.ts')],
    message: "The database layer knows the modules' schema files and the commune, nothing else of them.",
  },
  // An adapter to an outside service speaks its protocol and nothing of the business: the container hands
  // it to the modules that need it.
  {
    target: at('src/integrations/**'),
    from: at('src/**'),
    except: [at('src/shared/**'), at('src/platform/**'), at('src/integrations/**')],
    message: 'An adapter to an outside service imports src/shared/ and src/platform/ only.',
  },
  {
    target: at('src/platform/**'),
    from: at('src/integrations/**'),
    message: 'The platform knows no outside service: the container wires the adapters.',
  },
];

/** A repository's code runs SQL: only services (and the container building them) may hold one. */
const noRepositoryInPages = {
  regex: 'Repository\\.js$',
  allowTypeImports: true,
  message: 'A route or a view may take the row types a repository returns, never its code: ask a service.',
};
// ESLint's own rule, since typescript-eslint's skips every pattern for a type import once one allows it.
const noRepositoryClassInPages = {
  regex: 'Repository\\.js$',
  importNamePattern: 'Repository$',
  message: 'A route or a view is handed services, never a repository, not even as a type.',
};
const noOtherModulesRepositoryCode = {
  regex: `^(\\.\\./)+(${modules.join('|')})/[^/]+Repository\\.js$`,
  allowTypeImports: true,
  message: "Another module's repository is its own: import its types at most, call its services.",
};
const noContainerInPages = {
  regex: '(^|/)container\\.js$',
  message: 'A route is handed the services it uses by http/routes.ts, never the container.',
};

export default tseslint.config(
  { ignores: ['node_modules/', 'drizzle/', 'data/', 'tmp/', 'test-results/', 'playwright-report/'] },

  {
    files: ['**/*.{js,ts,tsx}'],
    extends: [js.configs.recommended, ...tseslint.configs.recommended],
    languageOptions: { globals: globals.node },
    plugins: { 'import-x': importX, parvis: { rules: { 'no-cycle-counting-types': noCycleCountingTypes } } },
    settings: {
      // The cycle check reads the imported files too: they are TypeScript, parsed by typescript-eslint.
      'import-x/extensions': ['.ts', '.tsx', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/external-module-folders': ['node_modules', 'node_modules/@types'],
      // Our imports name the emitted `.js` of a `.ts`/`.tsx` source; TypeScript's own resolution reads them.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: at('tsconfig.json') })],
    },
    rules: {
      // Type imports say so, as `verbatimModuleSyntax` requires of what is erased.
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // A name kept for its place (a skipped tuple item, a field left out of a rest) starts with `_`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // No module reaches itself again through its imports: layers stay layers, start-up order stays plain.
      // No cycle comes back through a package, so packages are not followed (four fifths of the lint's time).
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // …nor through type-only imports, which the rule above skips: two files that need each other's types
      // are one layer cut in two.
      'parvis/no-cycle-counting-types': ['error', { root }],
    },
  },

  // The text rules match control, invisible and combining characters on purpose: they are what they refuse.
  {
    files: [
      'src/platform/http/formText.ts',
      'src/platform/mail/mailAddress.ts',
      'src/modules/requests/http/requestForms.ts',
      'src/modules/bookings/http/citizen/absenceRoutes.tsx',
      'src/modules/documents/domain/uploadRules.ts',
      'src/integrations/payfip/soapXml.ts',
    ],
    rules: { 'no-control-regex': 'off', 'no-misleading-character-class': 'off' },
  },

  // The layers of src/, for the code that ships (tests arrange data through every layer).
  {
    files: ['src/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { 'import-x/no-restricted-paths': ['error', { zones: [...pureZones, ...layerZones] }] },
  },
  // A test beside a pure rule imports that rule and test helpers (test/), nothing else of ours.
  {
    files: ['src/modules/*/domain/**', 'src/shared/**'],
    rules: { 'import-x/no-restricted-paths': ['error', { zones: pureZones }] },
  },
  {
    files: ['src/modules/**/*.{ts,tsx}'],
    ignores: tests,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noOtherModulesRepositoryCode] }] },
  },
  {
    files: ['src/modules/*/http/**/*.{ts,tsx}'],
    ignores: tests,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noOtherModulesRepositoryCode, noRepositoryInPages, noContainerInPages] },
      ],
      'no-restricted-imports': ['error', { patterns: [noRepositoryClassInPages] }],
    },
  },
  // `http/routes.ts` receives the container and hands each page plugin the services it uses.
  {
    files: ['src/modules/*/http/routes.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        { patterns: [noOtherModulesRepositoryCode, noRepositoryInPages] },
      ],
    },
  },

  // The progressive-enhancement scripts run as they are in any browser: ES5, no module, browser globals.
  {
    files: ['public/js/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: globals.browser },
    rules: { 'no-var': 'off' },
  },
);

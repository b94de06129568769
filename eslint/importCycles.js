// A cycle of imports counting type-only ones, which `import-x/no-cycle` skips (they vanish at run time, but
// two files that need each other's types are one layer cut in two). The graph is read once per lint run
// with TypeScript's own import scanner, over every TypeScript file of the tree.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const SKIPPED = new Set(['node_modules', 'drizzle', 'data', 'public', 'tmp', 'test-results', 'playwright-report']);

function typeScriptFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED.has(entry.name) || entry.name.startsWith('.') ? [] : typeScriptFiles(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Our imports name the emitted `.js` of a `.ts`/`.tsx` file; packages are not followed. */
export function resolveImport(from, specifier) {
  if (!specifier.startsWith('.')) return null;
  const base = path.resolve(path.dirname(from), specifier);
  const stem = base.replace(/\.js$/, '');
  return [`${stem}.ts`, `${stem}.tsx`, path.join(base, 'index.ts')].find((file) => existsSync(file)) ?? null;
}

function importsOf(file) {
  const { importedFiles } = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return importedFiles.map(({ fileName }) => resolveImport(file, fileName)).filter((target) => target !== null);
}

/** Each file that lies on a cycle, with the files of its strongly connected component (Tarjan). */
function cyclicComponents(root) {
  const graph = new Map(typeScriptFiles(root).map((file) => [file, importsOf(file)]));
  const index = new Map();
  const low = new Map();
  const stack = [];
  const onStack = new Set();
  const componentOf = new Map();
  let next = 0;
  const visit = (file) => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file), low.get(target)));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file), index.get(target)));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = new Set();
    let member;
    do {
      member = stack.pop();
      onStack.delete(member);
      component.add(member);
    } while (member !== file);
    const selfImport = (graph.get(file) ?? []).includes(file);
    if (component.size > 1 || selfImport) for (const each of component) componentOf.set(each, component);
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return { graph, componentOf };
}

/** The shortest way back from `start` to `goal` inside their component, for the message. */
function pathBack(graph, component, start, goal) {
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = queue.shift();
    if (file === goal) break;
    for (const target of graph.get(file) ?? []) {
      if (component.has(target) && !cameFrom.has(target)) {
        cameFrom.set(target, file);
        queue.push(target);
      }
    }
  }
  const way = [];
  for (let file = goal; file !== null && file !== undefined; file = cameFrom.get(file)) way.unshift(file);
  return way;
}

let read = null;

export const noCycleCountingTypes = {
  meta: {
    type: 'problem',
    docs: { description: 'No import cycle, type-only imports counted.' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: { cycle: 'Import cycle (type-only imports counted): {{way}}' },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    read ??= cyclicComponents(root);
    const file = context.physicalFilename;
    const component = read.componentOf.get(file);
    if (!component) return {};
    const check = (node) => {
      if (!node.source || typeof node.source.value !== 'string') return;
      const target = resolveImport(file, node.source.value);
      if (!target || !component.has(target)) return;
      const way = [file, ...pathBack(read.graph, component, target, file)]
        .map((each) => path.relative(root, each))
        .join(' → ');
      context.report({ node: node.source, messageId: 'cycle', data: { way } });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

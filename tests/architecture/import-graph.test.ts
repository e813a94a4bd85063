import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of workflows/, packages/ and services/ against the README's
 * "Who may import whom" table: no database, no servers, only the files as text.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');

interface Row {
  workspace: string[];
  /** `null`: anything from outside the workspace. */
  outside: string[] | null;
}

/** The table under "### Who may import whom": folder → what it may import. */
function readTable(): Map<string, Row> {
  const section = readme.split('### Who may import whom')[1]?.split(/\n#{2,3} /)[0];
  if (!section) throw new Error('README.md has no "### Who may import whom" section');
  const names = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
  const table = new Map<string, Row>();
  for (const line of section.split('\n')) {
    const cells = line
      .split('|')
      .slice(1, -1)
      .map((c) => c.trim());
    if (cells.length !== 3 || cells[0] === 'folder' || cells[0]!.startsWith('---')) continue;
    const [folder] = names(cells[0]!);
    table.set(folder!, { workspace: names(cells[1]!), outside: cells[2] === 'anything' ? null : names(cells[2]!) });
  }
  return table;
}

interface Pkg {
  folder: string;
  name: string;
  exports: Record<string, string>;
}

const folders = ['workflows', ...['packages', 'services'].flatMap((d) => readdirSync(join(root, d)).map((f) => `${d}/${f}`))].filter((f) =>
  statSync(join(root, f)).isDirectory(),
);
const packages: Pkg[] = folders.map((folder) => {
  const json = JSON.parse(readFileSync(join(root, folder, 'package.json'), 'utf8')) as { name: string; exports?: Record<string, string> };
  return { folder, name: json.name, exports: json.exports ?? {} };
});
const byName = new Map(packages.map((p) => [p.name, p]));

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if (e.name === 'node_modules' || e.name.startsWith('.')) return [];
    const path = join(dir, e.name);
    if (e.isDirectory()) return tsFiles(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Comments out, strings kept: a `//` after a colon (a URL) is not a comment. */
const withoutComments = (source: string) => source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');

/** Static imports and re-exports (type-only ones too) and dynamic `import('…')` with a literal. */
function specifiers(source: string): string[] {
  const code = withoutComments(source);
  const found: string[] = [];
  for (const m of code.matchAll(/(?:^|[\n;])\s*(?:import|export)\b(?:[^'"`;]*?\bfrom)?\s*['"]([^'"\n]+)['"]/g)) found.push(m[1]!);
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"\n]+)['"]\s*\)/g)) found.push(m[1]!);
  return found;
}

/** `@scope/name/sub` → `@scope/name`; `name/sub` → `name`; `node:fs/promises` → `node:fs`. */
const packageOf = (spec: string) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!);

const files = folders.flatMap((folder) => tsFiles(join(root, folder)).map((path) => ({ folder, path })));
const imports = files.map(({ folder, path }) => ({ folder, path, specs: specifiers(readFileSync(path, 'utf8')) }));
const rel = (path: string) => relative(root, path);
const isTest = (path: string) => path.endsWith('.test.ts');

/** The file a workspace or relative specifier names, or null for one from outside the workspace. */
function resolveFile(from: string, spec: string): string | null {
  if (spec.startsWith('.')) {
    const base = resolve(dirname(from), spec);
    for (const candidate of [base, `${base}.ts`, join(base, 'index.ts')]) {
      try {
        if (statSync(candidate).isFile()) return candidate;
      } catch {}
    }
    throw new Error(`${rel(from)} imports ${spec}, which is no file`);
  }
  const pkg = byName.get(packageOf(spec));
  if (!pkg) return null;
  const sub = `.${spec.slice(pkg.name.length)}`;
  const target = pkg.exports[sub];
  if (!target) throw new Error(`${rel(from)} imports ${spec}, which ${pkg.name}'s package.json does not export`);
  return join(root, pkg.folder, target);
}

describe('the import graph', () => {
  const table = readTable();

  it('has a row in the README for every folder of workflows/, packages/ and services/, and no other', () => {
    expect([...table.keys()].sort()).toEqual([...folders].sort());
  });

  it('lets no package import a service, no service another service but the launcher, and the pure folders no IO or framework', () => {
    const services = packages.filter((p) => p.folder.startsWith('services/')).map((p) => p.name);
    const io =
      /^(node:|pg$|kysely$|ioredis$|bullmq|nodemailer$|fastify|@fastify\/|smtp-server$|mailparser$|exceljs$|@electric-sql\/|prom-client$|pino$|@opentelemetry\/)/;
    for (const [folder, row] of table) {
      const self = packages.find((p) => p.folder === folder)!.name;
      const grantedServices = row.workspace.filter((s) => services.includes(packageOf(s)) && packageOf(s) !== self);
      if (folder.startsWith('packages/') || folder === 'workflows') expect(grantedServices, `${folder} may import`).toEqual([]);
      else if (folder !== 'services/cli') expect(grantedServices, `${folder} may import`).toEqual([]);
    }
    for (const folder of ['packages/domain', 'workflows']) {
      const row = table.get(folder)!;
      expect(row.outside, `${folder} may import from outside`).not.toBeNull();
      expect(
        row.outside!.filter((s) => io.test(s)),
        `${folder} may import from outside`,
      ).toEqual([]);
    }
    expect(table.get('packages/domain')!.workspace).toEqual([]);
    expect(table.get('workflows')!.workspace).toEqual(['@dondoc/domain']);
    expect(table.get('packages/db')!.workspace).not.toContain('@dondoc/queue');
  });

  it('holds only the arrows the table allows', () => {
    const violations: string[] = [];
    for (const { folder, path, specs } of imports) {
      const row = table.get(folder)!;
      const self = packages.find((p) => p.folder === folder)!.name;
      for (const spec of specs) {
        if (spec.startsWith('.')) {
          const target = resolveFile(path, spec)!;
          if (!target.startsWith(`${join(root, folder)}/`)) violations.push(`${rel(path)} reaches out of ${folder} with ${spec}`);
          continue;
        }
        const name = packageOf(spec);
        if (byName.has(name)) {
          if (name === self) continue;
          // An entry allows the package it names and the subpaths below it: `@dondoc/queue/catalog` not `@dondoc/queue`.
          if (!row.workspace.some((allowed) => spec === allowed || spec.startsWith(`${allowed}/`))) {
            violations.push(`${rel(path)} imports ${spec}`);
          }
        } else if (row.outside && !isTest(path) && !row.outside.includes(name)) {
          violations.push(`${rel(path)} imports ${spec} from outside the workspace`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('has no cycle between files', () => {
    const graph = new Map<string, string[]>();
    for (const { path, specs } of imports) {
      graph.set(
        path,
        specs.map((s) => resolveFile(path, s)).filter((f): f is string => f !== null),
      );
    }
    // Depth-first search; a grey node met again closes a cycle, reported as the path around it.
    const state = new Map<string, 'grey' | 'black'>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'grey');
      stack.push(file);
      for (const next of graph.get(file) ?? []) {
        const s = state.get(next);
        if (s === 'grey') cycles.push([...stack.slice(stack.indexOf(next)), next].map(rel).join(' → '));
        else if (s === undefined) visit(next);
      }
      stack.pop();
      state.set(file, 'black');
    };
    for (const file of [...graph.keys()].sort()) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });

  it('reads imports the way the checks assume', () => {
    const sample = [
      "import { a, type B } from './a.ts';",
      'import type {\n  C,\n  D,\n} from "@dondoc/db";',
      "export * from './e.ts';",
      "import './side-effect.ts';",
      "const m = await import('node:fs');",
      "// import x from 'commented-out';",
      "/* import y from 'also-not'; */",
      "const url = 'http://example.org'; // a note",
    ].join('\n');
    expect(specifiers(sample)).toEqual(['./a.ts', '@dondoc/db', './e.ts', './side-effect.ts', 'node:fs']);
  });
});

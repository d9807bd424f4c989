// Local ESLint rule `leverage/import-direction` (issue 12): imports point down the layers, and a
// file outside a src/ folder imports that folder only through its index.ts.
//
// Layers, top to bottom, as the code actually imports (a folder may import only folders below it):
//   edges:   src/cli (may start src/server), src/server, web (type-only views of any folder)
//   report:  src/report
//   forecast -> calibrate -> simulate
//   io (its readers parse into supply/trade types)
//   domains: src/supply, src/trade, src/game; then src/ledger (trade reads the ledger)
//   src/model (scenario) -> src/random -> src/errors
// src/index.ts (the package's public entry) re-exports folders and is not ranked.
import path from 'node:path';
import process from 'node:process';

export const RANK = {
  cli: 0,
  server: 1,
  report: 2,
  forecast: 3,
  calibrate: 4,
  simulate: 5,
  io: 6,
  supply: 7,
  trade: 7,
  game: 7,
  ledger: 8,
  model: 9,
  random: 10,
  errors: 11,
};

/** 'src/<folder>/...' -> folder, 'web/...' -> 'web', else null (paths relative to the repo root). */
function place(rel) {
  const parts = rel.split(/[\\/]/);
  if (parts[0] === 'web') return { folder: 'web', rest: parts.slice(1).join('/') };
  if (parts[0] === 'src' && parts.length > 2) return { folder: parts[1], rest: parts.slice(2).join('/') };
  return null;
}

export const importDirection = {
  meta: {
    type: 'problem',
    docs: {
      description: 'imports point down the layers; other folders import a src/ folder via its index.ts',
    },
    schema: [],
    messages: {
      upward:
        '{{from}} may not import from {{to}}: imports point down the layers (edges -> report -> forecast -> calibrate -> simulate -> io -> domains -> model -> random -> errors; scripts/eslint/import-direction.js)',
      unknown: 'src/{{to}} has no layer in scripts/eslint/import-direction.js; add it there',
      index: 'import src/{{to}} through its index.ts, not {{spec}}',
    },
  },
  create(context) {
    const file = context.filename ?? context.getFilename();
    const root = context.cwd ?? process.cwd();
    const me = place(path.relative(root, file));
    if (!me) return {};
    const check = (node, source) => {
      if (!source || typeof source.value !== 'string' || !source.value.startsWith('.')) return;
      const target = place(path.relative(root, path.resolve(path.dirname(file), source.value)));
      if (!target || target.folder === me.folder || target.folder === 'web') return;
      const to = target.folder;
      if (!(to in RANK)) return context.report({ node: source, messageId: 'unknown', data: { to } });
      if (target.rest !== 'index.ts')
        context.report({ node: source, messageId: 'index', data: { to, spec: source.value } });
      if (me.folder === 'web') return;
      if (!(me.folder in RANK))
        return context.report({ node: source, messageId: 'unknown', data: { to: me.folder } });
      if (RANK[to] <= RANK[me.folder] && !(me.folder === 'cli' && to === 'server'))
        context.report({
          node: source,
          messageId: 'upward',
          data: { from: `src/${me.folder}`, to: `src/${to}` },
        });
    };
    return {
      ImportDeclaration: (n) => check(n, n.source),
      ExportNamedDeclaration: (n) => check(n, n.source),
      ExportAllDeclaration: (n) => check(n, n.source),
      ImportExpression: (n) => check(n, n.source),
    };
  },
};

export default { rules: { 'import-direction': importDirection } };

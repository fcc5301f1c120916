import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Gzip budgets in bytes, checked after every production build (README, "Web app").
 * - `firstView`: what the browser fetches before the sign-in page works (the app entry, its static
 *   imports and CSS: Vue, the router, the Element Plus components and styles). 300 kB gzip is
 *   ~25 ms on a 100 Mbit/s office LAN and ~1 MB of script to parse, which a modest office PC does
 *   in well under the 1 s first-interactive target.
 * - `app`: every chunk of the app, lazily loaded pages and ECharts (bars only) included: 650 kB.
 * - `graphiql`: the developer explorer, loaded only at /graphiql (React, CodeMirror, GraphiQL's
 *   styles and fonts): 800 kB; no office user needs it.
 */
export const BUDGET_BYTES = { firstView: 300_000, app: 650_000, graphiql: 800_000 } as const;

interface Asset {
  fileName: string;
  gzip: number;
  raw: number;
}

/** Prints every asset's raw and gzip size and fails the build when a budget is exceeded. */
export function bundleBudget(): Plugin {
  return {
    name: 'rectify-bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const assets = new Map<string, Asset>();
      for (const output of Object.values(bundle)) {
        if (!/\.(js|css)$/.test(output.fileName)) continue;
        const source = output.type === 'chunk' ? output.code : output.source;
        const bytes = typeof source === 'string' ? Buffer.from(source) : Buffer.from(source);
        assets.set(output.fileName, { fileName: output.fileName, raw: bytes.length, gzip: gzipSync(bytes).length });
      }
      /** The files a browser fetches for an entry: its static imports, and with `lazy` its dynamic ones too. */
      const closure = (entry: string, lazy: boolean): Set<string> => {
        const seen = new Set<string>();
        const visit = (fileName: string) => {
          if (seen.has(fileName)) return;
          seen.add(fileName);
          const chunk = bundle[fileName];
          if (chunk?.type !== 'chunk') return;
          [...chunk.imports, ...(lazy ? chunk.dynamicImports : [])].forEach(visit);
          chunk.viteMetadata?.importedCss.forEach((css) => seen.add(css));
        };
        visit(entry);
        return seen;
      };
      const entryFile = (name: string) =>
        Object.values(bundle).find((output) => output.type === 'chunk' && output.isEntry && output.name === name)?.fileName;
      const sum = (files: Set<string>) => [...files].reduce((total, file) => total + (assets.get(file)?.gzip ?? 0), 0);
      const appEntry = entryFile('app');
      const graphiqlEntry = entryFile('graphiql');
      if (!appEntry || !graphiqlEntry) throw new Error('bundle budget: the app or graphiql entry is missing from the build');
      const measured = {
        firstView: sum(closure(appEntry, false)),
        app: sum(closure(appEntry, true)),
        graphiql: sum(closure(graphiqlEntry, true)),
      };
      const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
      const lines = [...assets.values()]
        .sort((a, b) => b.gzip - a.gzip)
        .map((asset) => `  ${asset.fileName.padEnd(48)} ${kb(asset.raw).padStart(10)} raw ${kb(asset.gzip).padStart(10)} gzip`);
      const summary = (Object.keys(BUDGET_BYTES) as (keyof typeof BUDGET_BYTES)[]).map(
        (name) => `  ${name.padEnd(10)} ${kb(measured[name]).padStart(10)} gzip of ${kb(BUDGET_BYTES[name])} budget`,
      );
      console.log(['', 'Web bundle sizes:', ...lines, 'Budgets:', ...summary, ''].join('\n'));
      const over = (Object.keys(BUDGET_BYTES) as (keyof typeof BUDGET_BYTES)[]).filter((name) => measured[name] > BUDGET_BYTES[name]);
      if (over.length > 0) this.error(`bundle budget exceeded: ${over.map((name) => `${name} ${kb(measured[name])} > ${kb(BUDGET_BYTES[name])}`).join(', ')}`);
    },
  };
}

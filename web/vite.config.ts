import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { bundleBudget } from './scripts/bundle-budget.ts';

const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The browser app, built into web/dist at install time and served by the Nest server at `/`.
 * Two pages: the app (index.html) and the bundled GraphiQL (graphiql.html, served at /graphiql).
 * Everything is bundled: no request leaves the server's origin (intranet use).
 */
export default defineConfig({
  root,
  base: '/',
  plugins: [vue(), bundleBudget()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The budget plugin reports sizes; Vite's own 500 kB warning would only repeat it less precisely.
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: false,
    rollupOptions: {
      input: { app: `${root}index.html`, graphiql: `${root}graphiql.html` },
      // GraphiQL's React dependencies mark modules "use client" (a server-components hint with no meaning here).
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
  server: { proxy: { '/graphql': { target: 'http://localhost:3000', ws: true }, '/export': 'http://localhost:3000' } },
});

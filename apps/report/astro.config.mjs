// The report is always built through scripts/build-report.mjs, which passes root, outDir, base and the results
// directory; this file holds only what does not change between builds.
import { defineConfig } from 'astro/config';

export default defineConfig({
  output: 'static',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'never' },
  devToolbar: { enabled: false },
  compressHTML: true,
  // Loaded by Node at build time rather than bundled: the workspace package is already compiled JavaScript.
  vite: { ssr: { external: ['@coresweep/core'] } },
});

import { gzipSync } from 'node:zlib';
import { resolve } from 'node:path';
import { defineConfig, type Plugin } from 'vite';
import { JS_BUDGET_GZIP_BYTES } from './budget.ts';

/** Prints the JavaScript's total gzipped size after each build, against the budget. */
const printJsSize = (): Plugin => ({
  name: 'credence-js-size',
  generateBundle(_options, bundle) {
    const bytes = Object.values(bundle)
      .filter((file) => file.type === 'chunk')
      .reduce((sum, chunk) => sum + gzipSync(chunk.code).length, 0);
    this.info(
      `console JavaScript: ${(bytes / 1024).toFixed(1)} KB gzipped (budget ${JS_BUDGET_GZIP_BYTES / 1024} KB)`,
    );
  },
});

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  // Preact's JSX runtime through Vite's own transformer: no framework plugin needed.
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(import.meta.dirname, '../../dist/console'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: true,
  },
  plugins: [printJsSize()],
});

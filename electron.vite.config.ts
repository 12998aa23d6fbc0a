import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import react from '@vitejs/plugin-react';

// main and preload are Node/Electron bundles; the renderer is the same React app `kiln serve` ships.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      externalizeDeps: true,
      rollupOptions: {
        // chunk-worker: the content store's hashing worker thread; eval-worker: the registry's TF.js worker; both loaded next to index.js
        input: {
          index: resolve('src/main/index.ts'),
          'chunk-worker': resolve('src/core/store/chunk-worker.ts'),
          'eval-worker': resolve('src/core/models/eval/eval-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      externalizeDeps: false,
      // sandboxed preloads cannot load ES modules
      rollupOptions: { input: { index: resolve('src/preload/index.ts') }, output: { format: 'cjs', entryFileNames: '[name].cjs' } },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    // minified: the first paint waits for this bundle
    build: { outDir: 'out/renderer', minify: true, rollupOptions: { input: resolve('src/renderer/index.html') } },
  },
});

/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The Flask app serves dist/index.html at "/" and dist/assets/* at "/assets/*".
// base './' keeps the build usable from any path (also `vite preview`).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true },
  // `npm run dev`: forward API paths to a local Flask app so the default same-origin base works.
  server: {
    proxy: {
      '^/(p\\d\\d|concepts|health|ready|openapi\\.json|docs)(/|$)': process.env.VITE_PROXY_TARGET ?? 'http://127.0.0.1:5000',
    },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['./src/test-setup.ts'],
    restoreMocks: true,
    unstubGlobals: true,
  },
});

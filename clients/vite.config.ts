/// <reference types="vitest/config" />
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { parse } from 'smol-toml';

// The one list of concepts (id, slug, title, level, summary), shared with flask_track and contracts/.
const LADDER_FILE = fileURLToPath(new URL('../ladder.toml', import.meta.url));
const LADDER_ID = 'virtual:ladder';
const RESOLVED_LADDER_ID = '\0' + LADDER_ID;

/** The rows of ladder.toml, checked against the shape src/vite-env.d.ts declares (a bad file fails the build). */
function readLadder(file: string = LADDER_FILE) {
  const rows = parse(readFileSync(file, 'utf8')).concept;
  if (!Array.isArray(rows)) throw new Error(`${file}: no [[concept]] tables`);
  return rows.map((row, n) => {
    const { id, slug, title, level, summary, planned = false } = row as Record<string, unknown>;
    const ok =
      typeof id === 'string' && /^p\d\d$/.test(id) &&
      typeof slug === 'string' && typeof title === 'string' && typeof summary === 'string' &&
      typeof level === 'number' && Number.isInteger(level) && level >= 1 && level <= 5 &&
      typeof planned === 'boolean';
    if (!ok) throw new Error(`${file}: [[concept]] #${n + 1} needs id "pNN", slug, title, summary, level 1-5 (got ${JSON.stringify(row)})`);
    return { id, slug, title, level, summary, planned };
  });
}

/** `import { concepts } from 'virtual:ladder'`: the ladder file as data, re-read when it changes. */
function ladder(): Plugin {
  return {
    name: 'flask-track-ladder',
    resolveId: (id) => (id === LADDER_ID ? RESOLVED_LADDER_ID : undefined),
    load(id) {
      if (id !== RESOLVED_LADDER_ID) return undefined;
      this.addWatchFile(LADDER_FILE);
      return `export const concepts = ${JSON.stringify(readLadder())};`;
    },
  };
}

// The Flask app serves dist/index.html at "/" and dist/assets/* at "/assets/*".
// base './' keeps the build usable from any path (also `vite preview`).
export default defineConfig({
  base: './',
  plugins: [react(), ladder()],
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

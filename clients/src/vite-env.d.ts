/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_API_BASE?: string;
}

/** The rows of the repository's ladder.toml, in order (see the `ladder` plugin in vite.config.ts). */
declare module 'virtual:ladder' {
  export interface LadderConcept {
    readonly id: string; // "p01"
    readonly slug: string; // "health-check"
    readonly title: string;
    readonly level: 1 | 2 | 3 | 4 | 5;
    readonly summary: string;
    /** In the catalog but not built yet: no package, contract or client page. */
    readonly planned: boolean;
  }
  export const concepts: readonly LadderConcept[];
}

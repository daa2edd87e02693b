import { createContext, useContext } from 'react';

/** localStorage key of the API base chosen on the index page. */
export const API_BASE_KEY = 'apiBase';

/** Removes trailing slashes so that `${base}/p01/health` is always well formed. */
export function normalizeBase(value: string): string {
  return value.trim().replace(/\/+$/, '');
}

/** The API base from the `?api=URL` query parameter, if present (it wins over everything). */
export function queryApiBase(): string | null {
  const value = new URLSearchParams(window.location.search).get('api');
  return value === null ? null : normalizeBase(value);
}

/** The API base saved on the index page, if any. */
export function storedApiBase(): string | null {
  const value = window.localStorage.getItem(API_BASE_KEY);
  return value === null ? null : normalizeBase(value);
}

/** Build-time default: VITE_API_BASE, else "" (same origin as the page). */
export const BUILD_API_BASE = normalizeBase(import.meta.env.VITE_API_BASE ?? '');

/** Effective base: ?api=URL, then localStorage, then VITE_API_BASE, then same origin. */
export function resolveApiBase(): string {
  return queryApiBase() ?? storedApiBase() ?? BUILD_API_BASE;
}

/** Saves (or, for an empty value, forgets) the base chosen on the index page. */
export function saveApiBase(value: string): void {
  const base = normalizeBase(value);
  if (base) window.localStorage.setItem(API_BASE_KEY, base);
  else window.localStorage.removeItem(API_BASE_KEY);
}

export interface ApiBaseState {
  base: string;
  setBase: (value: string) => void;
}

export const ApiBaseContext = createContext<ApiBaseState>({ base: '', setBase: () => {} });

export function useApiBase(): ApiBaseState {
  return useContext(ApiBaseContext);
}

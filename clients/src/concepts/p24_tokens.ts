/**
 * Tokens obtained on the Level 3 pages (p24, p27, p28), shared with the pages that use them
 * (p25, p26, p29, p30). Kept in this module's memory only, never in localStorage: a script
 * injected into the page (XSS) could read localStorage, and a reload forgetting the token is
 * the safe default for a learning client.
 */
import type { ApiResult } from '../api';

const memory = { access: '', refresh: '' };

export function rememberTokens(tokens: { access?: unknown; refresh?: unknown }): void {
  if (typeof tokens.access === 'string' && tokens.access) memory.access = tokens.access;
  if (typeof tokens.refresh === 'string' && tokens.refresh) memory.refresh = tokens.refresh;
}

export function rememberedAccessToken(): string {
  return memory.access;
}

export function rememberedRefreshToken(): string {
  return memory.refresh;
}

/** The access/refresh tokens of a successful token response, remembered for other pages. */
export function rememberFromResult(result: ApiResult | null): void {
  if (!result || result.status !== 200) return;
  const body = result.json as { access_token?: unknown; refresh_token?: unknown } | undefined;
  if (body) rememberTokens({ access: body.access_token, refresh: body.refresh_token });
}

function decodePart(part: string): unknown {
  const base64 = part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '=');
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/** Header and payload of a JWT, decoded WITHOUT verifying anything (only the server can). */
export function decodeJwt(token: string): { header: unknown; payload: unknown } | null {
  const parts = token.trim().split('.');
  if (parts.length !== 3) return null;
  try {
    return { header: decodePart(parts[0]), payload: decodePart(parts[1]) };
  } catch {
    return null;
  }
}

export function bearer(token: string): Record<string, string> {
  return token.trim() ? { Authorization: `Bearer ${token.trim()}` } : {};
}

/**
 * The current tokens: the last ones obtained on the Level 3 pages (p24, p27, p28), shared with
 * the pages that use them (p25, p26, p29, p30). Kept in this module's memory only, never in
 * localStorage: a script injected into the page (XSS) could read localStorage, and a reload
 * forgetting the token is the safe default for a learning client.
 */
import type { ApiResult } from '../api';

export interface Tokens {
  access: string;
  refresh: string;
}

const current: Tokens = { access: '', refresh: '' };

export function rememberedAccessToken(): string {
  return current.access;
}

export function rememberedRefreshToken(): string {
  return current.refresh;
}

/** The tokens of a successful (200) token response; '' for each one it does not hold. */
export function issuedTokens(result: ApiResult | null): Tokens {
  const body = result?.status === 200 ? (result.json as { access_token?: unknown; refresh_token?: unknown }) : null;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { access: text(body?.access_token), refresh: text(body?.refresh_token) };
}

/** Makes the tokens of a successful token response the current ones, and returns them. */
export function rememberIssuedTokens(result: ApiResult | null): Tokens {
  const tokens = issuedTokens(result);
  if (tokens.access) current.access = tokens.access;
  if (tokens.refresh) current.refresh = tokens.refresh;
  return tokens;
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

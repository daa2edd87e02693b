/** Shared steps of the Level 3 specs: a fresh user per test, tokens through the API. */
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';

export interface Account {
  email: string;
  password: string;
}

export const ADMIN: Account = {
  email: process.env.E2E_ADMIN_EMAIL ?? 'e2e-admin@example.com',
  password: process.env.E2E_ADMIN_PASSWORD ?? 'e2e-admin-password-not-for-production',
};

export function freshAccount(): Account {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  return { email: `e2e-${tag}@example.com`, password: `E2e-${tag}-pass-phrase` };
}

export async function signUp(request: APIRequestContext): Promise<Account> {
  const account = freshAccount();
  const response = await request.post('/p22/signup', { data: account });
  expect(response.status()).toBe(201);
  return account;
}

export async function accessToken(request: APIRequestContext, account: Account): Promise<string> {
  const response = await request.post('/p24/token', { data: account });
  expect(response.status()).toBe(200);
  return (await response.json()).access_token as string;
}

export async function tokenPair(
  request: APIRequestContext,
  account: Account,
): Promise<{ access_token: string; refresh_token: string }> {
  const response = await request.post('/p28/login', { data: account });
  expect(response.status()).toBe(200);
  return response.json();
}

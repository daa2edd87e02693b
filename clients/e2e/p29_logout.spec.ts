import { expect, test } from '@playwright/test';
import { signUp, tokenPair } from './p24_auth';

test('p29 after logout the token is 401 token-revoked', async ({ page, request }) => {
  const pair = await tokenPair(request, await signUp(request));
  await page.goto('/#/p29');
  await page.getByLabel('Access token').fill(pair.access_token);
  await page.getByLabel('Refresh token (optional)').fill(pair.refresh_token);
  await page.getByRole('button', { name: 'Call /p26/me with the token' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await page.getByRole('button', { name: 'Log out', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('204');
  await page.getByRole('button', { name: 'Call /p26/me with the token' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/token-revoked');
});

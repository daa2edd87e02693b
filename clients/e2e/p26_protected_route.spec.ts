import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p26 /me with a token is 200, without one 401 token-missing', async ({ page, request }) => {
  const account = await signUp(request);
  const token = await accessToken(request, account);
  await page.goto('/#/p26');
  await page.getByLabel('Access token').fill('');
  await page.getByRole('button', { name: 'Get my account' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/token-missing');
  await page.getByLabel('Access token').fill(token);
  await page.getByRole('button', { name: 'Get my account' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText(account.email);
});

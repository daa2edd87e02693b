import { expect, test } from '@playwright/test';
import { signUp } from './p24_auth';

test('p27 a 1-second token is 401 token-expired a moment later', async ({ page, request }) => {
  const account = await signUp(request);
  await page.goto('/#/p27');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByLabel('Expires in (seconds)').fill('1');
  await page.getByRole('button', { name: 'Get a short-lived token' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await page.waitForTimeout(2500);
  await page.getByRole('button', { name: 'Call /p26/me with it' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/token-expired');
});

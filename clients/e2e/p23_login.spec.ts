import { expect, test } from '@playwright/test';
import { signUp } from './p24_auth';

test('p23 a wrong password is 401 invalid-credentials, the right one 200', async ({ page, request }) => {
  const account = await signUp(request);
  await page.goto('/#/p23');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/invalid-credentials');
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText(account.email);
});

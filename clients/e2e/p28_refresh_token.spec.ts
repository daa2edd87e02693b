import { expect, test } from '@playwright/test';
import { signUp } from './p24_auth';

test('p28 refresh rotates; reusing the spent token revokes the family', async ({ page, request }) => {
  const account = await signUp(request);
  await page.goto('/#/p28');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Log in for a pair' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await page.getByRole('button', { name: 'Reuse the spent token' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/token-revoked');
});

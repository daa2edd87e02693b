import { expect, test } from '@playwright/test';
import { freshAccount } from './p24_auth';

test('p34 a reset request is 202 for any email; a bad token is 400', async ({ page }) => {
  await page.goto('/#/p34');
  await page.getByLabel('Email').fill(freshAccount().email);
  await page.getByRole('button', { name: 'Send a reset email' }).click();
  await expect(page.getByTestId('status')).toHaveText('202');
  await expect(page.getByTestId('body')).toContainText('"accepted"');
  await page.getByLabel('Reset token').fill('not-a-token-the-server-issued');
  await page.getByLabel('New password').fill('A-new-long-password-1');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByTestId('status')).toHaveText('400');
});

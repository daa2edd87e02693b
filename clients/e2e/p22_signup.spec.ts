import { expect, test } from '@playwright/test';
import { freshAccount } from './p24_auth';

test('p22 sign up answers 201 with role user, the same email again 409', async ({ page }) => {
  const account = freshAccount();
  await page.goto('/#/p22');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  await expect(page.getByTestId('body')).toContainText('"role": "user"');
  await expect(page.getByTestId('body')).not.toContainText(account.password);
  await page.getByLabel('Email').fill(account.email.toUpperCase());
  await page.getByRole('button', { name: 'Sign up' }).click();
  await expect(page.getByTestId('status')).toHaveText('409');
});

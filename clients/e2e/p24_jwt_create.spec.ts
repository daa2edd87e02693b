import { expect, test } from '@playwright/test';
import { signUp } from './p24_auth';

test('p24 get a token and see its decoded claims', async ({ page, request }) => {
  const account = await signUp(request);
  await page.goto('/#/p24');
  await page.getByLabel('Email').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Get a token' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"token_type": "Bearer"');
  await expect(page.getByTestId('decoded')).toContainText('"type": "access"');
  await expect(page.getByTestId('decoded')).toContainText('"alg": "HS256"');
});

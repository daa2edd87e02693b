import { expect, test } from '@playwright/test';

test('p21 hash then verify the same password', async ({ page }) => {
  await page.goto('/#/p21');
  await page.getByRole('button', { name: 'Hash password' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('$argon2id$');
  await page.getByRole('button', { name: 'Verify password' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"valid": true');
});

import { expect, test } from '@playwright/test';

test('p07 valid registration answers 201 with normalized data and no password', async ({ page }) => {
  await page.goto('/#/p07');
  await page.getByRole('button', { name: 'Register' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  await expect(page.getByTestId('body')).toContainText('"email": "ada@example.com"');
  await expect(page.getByTestId('body')).not.toContainText('correct-horse-battery');
});

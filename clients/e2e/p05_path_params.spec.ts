import { expect, test } from '@playwright/test';

test('p05 get user 1 answers 200 with that user', async ({ page }) => {
  await page.goto('/#/p05');
  await page.getByRole('button', { name: 'Get user' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"id": 1');
});

import { expect, test } from '@playwright/test';

test('p09 lifecycle answers 200 with the hooks that ran', async ({ page }) => {
  await page.goto('/#/p09');
  await page.getByRole('button', { name: "Show my request's lifecycle" }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"hooks": [');
});

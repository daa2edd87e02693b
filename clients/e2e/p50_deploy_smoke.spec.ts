import { expect, test } from '@playwright/test';

test('p50 Show the version answers 200', async ({ page }) => {
  await page.goto('/#/p50');
  await page.getByRole('button', { name: 'Show the version' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"version"');
});

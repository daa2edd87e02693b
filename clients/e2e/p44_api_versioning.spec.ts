import { expect, test } from '@playwright/test';

test('p44 v1 answers the user with Deprecation, Sunset and a successor Link', async ({ page }) => {
  await page.goto('/#/p44');
  await page.getByRole('button', { name: 'Get user' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"name"');
  await expect(page.getByRole('rowheader', { name: 'Deprecation' })).toBeVisible();
  await expect(page.getByRole('rowheader', { name: 'Sunset' })).toBeVisible();
  await expect(page.locator('table.headers')).toContainText('rel="successor-version"');
});

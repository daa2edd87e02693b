import { expect, test } from '@playwright/test';

test('p10 OpenAPI document answers 200', async ({ page }) => {
  await page.goto('/#/p10');
  await page.getByRole('button', { name: 'Fetch OpenAPI document' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"openapi": "3.');
  await expect(page.getByRole('link', { name: 'interactive docs' })).toHaveAttribute('href', '/docs');
});

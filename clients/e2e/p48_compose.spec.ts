import { expect, test } from '@playwright/test';

test('p48 the page shows every dependency of the deployment', async ({ page }) => {
  await page.goto('/#/p48');
  await page.getByRole('button', { name: 'Check the dependencies' }).click();
  // The e2e server has no SMTP sink: 503 naming smtp is the honest answer there, 200 elsewhere.
  await expect(page.getByTestId('status')).toHaveText(/^(200|503)$/);
  await expect(page.getByTestId('body')).toContainText('"database"');
  await expect(page.getByTestId('body')).toContainText('"configured"');
});

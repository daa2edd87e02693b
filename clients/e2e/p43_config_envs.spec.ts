import { expect, test } from '@playwright/test';

test('p43 the page shows the environment the server runs as', async ({ page }) => {
  await page.goto('/#/p43');
  await page.getByRole('button', { name: 'Show the configuration' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  const body = page.getByTestId('body');
  await expect(body).toContainText('"env": "testing"');
  await expect(body).toContainText('"testing": true');
  await expect(body).toContainText('"database_dialect": "sqlite"');
});

import { expect, test } from '@playwright/test';

test('p39 slow shows Server-Timing, then stats list the route', async ({ page }) => {
  await page.goto('/#/p39');
  await page.getByLabel('Milliseconds').fill('250');
  await page.getByRole('button', { name: 'Sleep' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByRole('row', { name: /Server-Timing/ })).toContainText(/app;dur=.*sleep;dur=/);
  await page.getByRole('button', { name: 'Show stats' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"route": "/p39/slow"');
});

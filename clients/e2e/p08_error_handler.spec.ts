import { expect, test } from '@playwright/test';

test('p08 domain error answers a 409 problem', async ({ page }) => {
  await page.goto('/#/p08');
  await page.getByRole('button', { name: 'Trigger a domain error' }).click();
  await expect(page.getByTestId('status')).toHaveText('409');
  await expect(page.getByTestId('body')).toContainText('"status": 409');
});

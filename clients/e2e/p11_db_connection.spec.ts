import { expect, test } from '@playwright/test';

test('p11 check the database answers 200 connected', async ({ page }) => {
  await page.goto('/#/p11');
  await page.getByRole('button', { name: 'Check the database' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"connected": true');
});

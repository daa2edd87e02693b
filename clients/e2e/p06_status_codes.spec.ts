import { expect, test } from '@playwright/test';

test('p06 status 418 answers exactly 418', async ({ page }) => {
  await page.goto('/#/p06');
  await page.getByRole('button', { name: 'Get status' }).click();
  await expect(page.getByTestId('status')).toHaveText('418');
  await expect(page.getByTestId('body')).toContainText('"status": 418');
});

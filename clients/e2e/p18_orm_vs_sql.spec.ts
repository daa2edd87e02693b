import { expect, test } from '@playwright/test';

test('p18 compare answers 200 with equal results and the SQL', async ({ page }) => {
  await page.goto('/#/p18');
  await page.getByRole('button', { name: 'Compare ORM and SQL' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"equal": true');
  await expect(page.getByTestId('body')).toContainText('FROM p17_books');
});

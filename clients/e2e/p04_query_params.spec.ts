import { expect, test } from '@playwright/test';

test('p04 product search answers 200 with items and count', async ({ page }) => {
  await page.goto('/#/p04');
  await page.getByLabel('Category').selectOption('books');
  await page.getByRole('button', { name: 'Search products' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('request-line')).toContainText('/p04/products?category=books&sort=price');
  await expect(page.getByTestId('body')).toContainText('"count":');
});

import { expect, test } from '@playwright/test';

test('p36 a fresh n is a MISS, the same n again a HIT', async ({ page }) => {
  // n² stays below 2^53, so the page shows it exactly.
  const n = String(1_000_000 + Math.floor(Math.random() * 90_000_000));
  await page.goto('/#/p36');
  await page.getByLabel('n', { exact: true }).fill(n);
  await page.getByRole('button', { name: 'Get the square' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByRole('row', { name: /X-Cache/ })).toContainText('MISS');
  await expect(page.getByTestId('body')).toContainText(`"square": ${BigInt(n) * BigInt(n)}`);
  await page.getByRole('button', { name: 'Get the square' }).click();
  await expect(page.getByRole('row', { name: /X-Cache/ })).toContainText('HIT');
});

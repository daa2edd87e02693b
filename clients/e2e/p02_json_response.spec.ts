import { expect, test } from '@playwright/test';

test('p02 random quote answers 200 with a quote', async ({ page }) => {
  await page.goto('/#/p02');
  await page.getByRole('button', { name: 'Random quote' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"author":');
});

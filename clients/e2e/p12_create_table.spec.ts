import { expect, test } from '@playwright/test';

test('p12 setup answers 200, then the schema lists the columns', async ({ page }) => {
  await page.goto('/#/p12');
  await page.getByRole('button', { name: 'Run the setup' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"table": "notes"');
  await page.getByRole('button', { name: 'Show the schema' }).click();
  await expect(page.getByTestId('body')).toContainText('"name": "updated_at"');
});

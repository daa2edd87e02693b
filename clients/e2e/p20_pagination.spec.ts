import { expect, test } from '@playwright/test';

test('p20 keyset pages: the next_cursor fills the form and walks on', async ({ page }) => {
  await page.goto('/#/p20');
  const cursor = page.getByLabel('Cursor (keyset pages)');
  await page.getByRole('button', { name: 'Load page' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"next_cursor"');
  await expect(cursor).not.toHaveValue('');
  const first = await cursor.inputValue();
  await page.getByRole('button', { name: 'Load page' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(cursor).not.toHaveValue(first);
});

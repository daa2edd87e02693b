import { expect, test } from '@playwright/test';

test('p03 echo answers 200 with the parsed body, non-ASCII intact', async ({ page }) => {
  await page.goto('/#/p03');
  await page.getByRole('button', { name: 'Send JSON' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"hello": "wörld"');
  await expect(page.getByTestId('body')).toContainText('"type": "object"');
});

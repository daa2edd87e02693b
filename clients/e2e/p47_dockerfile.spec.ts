import { expect, test } from '@playwright/test';

test('p47 Show the build answers 200', async ({ page }) => {
  await page.goto('/#/p47');
  await page.getByRole('button', { name: 'Show the build' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"python_version"');
});

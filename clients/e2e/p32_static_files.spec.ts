import { expect, test } from '@playwright/test';

test('p32 hello.txt is 200 with an ETag, a range 206, a traversal 404', async ({ page }) => {
  await page.goto('/#/p32');
  await page.getByRole('button', { name: 'Fetch file' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('Hello');
  await page.getByLabel('Range').fill('bytes=0-4');
  await page.getByRole('button', { name: 'Fetch file' }).click();
  await expect(page.getByTestId('status')).toHaveText('206');
  await page.getByLabel('Range').fill('');
  // (The browser itself removes a plain or %2e-encoded `..` segment: send a backslash one.)
  await page.getByLabel('Path').fill('..%5Croutes.py');
  await page.getByRole('button', { name: 'Fetch file' }).click();
  await expect(page.getByTestId('status')).toHaveText('404');
  await expect(page.getByTestId('body')).toContainText('/problems/not-found');
});

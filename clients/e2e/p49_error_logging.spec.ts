import { expect, test } from '@playwright/test';
import { ADMIN, accessToken } from './p24_auth';

test('p49 boom answers 500 with an error id, and the admin reads its record', async ({ page, request }) => {
  const adminToken = await accessToken(request, ADMIN);
  await page.goto('/#/p49');
  await page.getByLabel(/Access token/).fill(adminToken);
  await page.getByRole('button', { name: 'Trigger an error' }).click();
  await expect(page.getByTestId('status')).toHaveText('500');
  await expect(page.getByTestId('body')).toContainText('"error_id"');
  await page.getByRole('button', { name: 'Read its record' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"route": "/p49/boom"');
  await expect(page.getByTestId('body')).toContainText('"Authorization": "***"');
});

import { expect, test } from '@playwright/test';
import { ADMIN, accessToken } from './p24_auth';

test('p42 the admin sees every setting with its source, secrets masked', async ({ page, request }) => {
  const adminToken = await accessToken(request, ADMIN);
  await page.goto('/#/p42');
  await page.getByLabel(/Access token/).fill(adminToken);
  await page.getByRole('button', { name: 'Show the settings' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  const body = page.getByTestId('body');
  await expect(body).toContainText('"name": "ADMIN_PASSWORD"');
  await expect(body).toContainText('"source": "env"');
  await expect(body).toContainText('"value": "***"');
  await expect(body).not.toContainText(ADMIN.password);
});

test('p42 without a token the page shows the 401', async ({ page }) => {
  await page.goto('/#/p42');
  await page.getByLabel(/Access token/).fill('');
  await page.getByRole('button', { name: 'Show the settings' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
});

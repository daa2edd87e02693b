import { expect, test } from '@playwright/test';
import { ADMIN, accessToken, signUp } from './p24_auth';

test('p30 a user gets 403 on the admin page, the admin lists users', async ({ page, request }) => {
  const userToken = await accessToken(request, await signUp(request));
  const adminToken = await accessToken(request, ADMIN);
  await page.goto('/#/p30');
  await page.getByLabel('Access token').fill(userToken);
  await page.getByRole('button', { name: 'List users' }).click();
  await expect(page.getByTestId('status')).toHaveText('403');
  await expect(page.getByTestId('body')).toContainText('/problems/forbidden');
  await page.getByLabel('Access token').fill(adminToken);
  await page.getByRole('button', { name: 'List users' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"items"');
});

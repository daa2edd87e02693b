import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p38 five calls pass with RateLimit counting down, the sixth is 429', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  await page.goto('/#/p38');
  await page.getByLabel('Access token (optional)').fill(token);
  for (const remaining of [4, 3, 2, 1, 0]) {
    await page.getByRole('button', { name: 'Call the limited route' }).click();
    await expect(page.getByRole('row', { name: /^RateLimit\s/ })).toContainText(`r=${remaining}`);
    await expect(page.getByTestId('status')).toHaveText('200');
  }
  await page.getByRole('button', { name: 'Call the limited route' }).click();
  await expect(page.getByTestId('status')).toHaveText('429');
  await expect(page.getByTestId('body')).toContainText('/problems/rate-limited');
});

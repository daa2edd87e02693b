import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p33 an email is accepted into the outbox and its delivery can be checked', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  await page.goto('/#/p33');
  await page.getByLabel('Access token (from p24)').fill(token);
  await page.getByRole('button', { name: 'Send', exact: true }).click();
  await expect(page.getByTestId('status')).toHaveText('202');
  await expect(page.getByTestId('body')).toContainText('"queued"');
  await page.getByRole('button', { name: 'Check delivery' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"attempts"');
});

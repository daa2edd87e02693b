import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p35 a wordcount job is accepted, then the worker finishes it', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  await page.goto('/#/p35');
  await page.getByLabel('Access token (from p24)').fill(token);
  await page.getByLabel('Text to count').fill('one two three');
  await page.getByRole('button', { name: 'Submit a wordcount job' }).click();
  await expect(page.getByTestId('status')).toHaveText('202');
  // The worker runs it in the background: check until it has succeeded.
  await expect(async () => {
    await page.getByRole('button', { name: 'Check the job' }).click();
    await expect(page.getByTestId('body')).toContainText('"succeeded"', { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(page.getByTestId('body')).toContainText('"words": 3');
});

import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p25 a genuine token verifies, an edited one is 401 token-invalid', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  await page.goto('/#/p25');
  await page.getByLabel('Access token').fill(token);
  await expect(page.getByTestId('decoded')).toContainText('"role": "user"');
  await page.getByRole('button', { name: 'Verify on the server' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"claims"');
  const [header, payload, signature] = token.split('.');
  const edited = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
  await page.getByLabel('Access token').fill(edited);
  await page.getByRole('button', { name: 'Verify on the server' }).click();
  await expect(page.getByTestId('status')).toHaveText('401');
  await expect(page.getByTestId('body')).toContainText('/problems/token-invalid');
});

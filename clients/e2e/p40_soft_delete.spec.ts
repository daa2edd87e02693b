import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

test('p40 create, delete (then 404), restore a document', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  const slug = `e2e-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  await page.goto('/#/p40');
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel('Slug').fill(slug);
  await page.getByRole('button', { name: 'Create document' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  const created = JSON.parse((await page.getByTestId('body').textContent()) ?? '{}');
  await page.getByLabel('Document id').fill(String(created.id));
  await page.getByRole('button', { name: 'Delete document' }).click();
  await expect(page.getByTestId('status')).toHaveText('204');
  await page.getByRole('button', { name: 'Get document' }).click();
  await expect(page.getByTestId('status')).toHaveText('404');
  await page.getByRole('button', { name: 'Restore document' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"deleted_at": null');
});

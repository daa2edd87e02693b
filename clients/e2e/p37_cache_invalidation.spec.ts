import { expect, test } from '@playwright/test';

test('p37 read is MISS then HIT; after a replace the next read is a MISS with the new title', async ({ page }) => {
  const tag = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await page.goto('/#/p37');
  await page.getByLabel('Title').fill(`First ${tag}`);
  await page.getByRole('button', { name: 'Create article' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  const created = JSON.parse((await page.getByTestId('body').textContent()) ?? '{}') as { id: number };
  await page.getByLabel('Article id').fill(String(created.id));
  await page.getByRole('button', { name: 'Read article' }).click();
  await expect(page.getByRole('row', { name: /X-Cache/ })).toContainText('MISS');
  await page.getByRole('button', { name: 'Read article' }).click();
  await expect(page.getByRole('row', { name: /X-Cache/ })).toContainText('HIT');
  await page.getByLabel('Title').fill(`Second ${tag}`);
  await page.getByRole('button', { name: 'Replace article' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await page.getByRole('button', { name: 'Read article' }).click();
  await expect(page.getByRole('row', { name: /X-Cache/ })).toContainText('MISS');
  await expect(page.getByTestId('body')).toContainText(`Second ${tag}`);
});

import { expect, test } from '@playwright/test';

test('p16 delete answers 204, then 404', async ({ page, request }) => {
  expect((await request.post('/p12/setup')).status()).toBe(200);
  const created = await request.post('/p13/notes', { data: { title: `doomed ${Date.now()}` } });
  const { id } = (await created.json()) as { id: number };
  await page.goto('/#/p16');
  await page.getByLabel('Note id').fill(String(id));
  await page.getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByTestId('status')).toHaveText('204');
  await page.getByRole('button', { name: 'Delete note' }).click();
  await expect(page.getByTestId('status')).toHaveText('404');
});

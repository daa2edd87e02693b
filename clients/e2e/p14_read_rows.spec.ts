import { expect, test } from '@playwright/test';

test('p14 read one note answers 200 with it', async ({ page, request }) => {
  expect((await request.post('/p12/setup')).status()).toBe(200);
  const title = `read me ${Date.now()}`;
  const created = await request.post('/p13/notes', { data: { title } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  await page.goto('/#/p14');
  await page.getByLabel('Note id').fill(String(id));
  await page.getByRole('button', { name: 'Read notes' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText(title);
});

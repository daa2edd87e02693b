import { expect, test } from '@playwright/test';

test('p15 update a note answers 200 with the new title', async ({ page, request }) => {
  expect((await request.post('/p12/setup')).status()).toBe(200);
  const created = await request.post('/p13/notes', { data: { title: `before ${Date.now()}` } });
  const { id } = (await created.json()) as { id: number };
  const title = `after ${Date.now()}`;
  await page.goto('/#/p15');
  await page.getByLabel('Note id').fill(String(id));
  await page.getByLabel('New title').fill(title);
  await page.getByRole('button', { name: 'Update note' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText(title);
});

test('p15 a stale If-Match answers 412', async ({ page, request }) => {
  expect((await request.post('/p12/setup')).status()).toBe(200);
  const created = await request.post('/p13/notes', { data: { title: `stale ${Date.now()}` } });
  const { id } = (await created.json()) as { id: number };
  const etag = (await request.get(`/p14/notes/${id}`)).headers()['etag'];
  expect((await request.patch(`/p15/notes/${id}`, { data: { body: 'someone else' } })).status()).toBe(200);
  await page.goto('/#/p15');
  await page.getByLabel('Note id').fill(String(id));
  await page.getByLabel('If-Match (optional)').fill(etag);
  await page.getByRole('button', { name: 'Update note' }).click();
  await expect(page.getByTestId('status')).toHaveText('412');
  await expect(page.getByTestId('body')).toContainText('precondition-failed');
});

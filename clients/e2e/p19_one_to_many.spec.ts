import { expect, test } from '@playwright/test';

test('p19 a post with its comments answers 200 with them embedded', async ({ page, request }) => {
  const created = await request.post('/p19/posts', { data: { title: `post ${Date.now()}`, body: 'b' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: number };
  const text = `comment ${Date.now()}`;
  expect((await request.post(`/p19/posts/${id}/comments`, { data: { author: 'e2e', body: text } })).status()).toBe(
    201,
  );
  await page.goto('/#/p19');
  await page.getByLabel('Post id (empty to list)').fill(String(id));
  await page.getByRole('button', { name: 'Load posts' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText(text);
  await expect(page.locator('table.headers')).toContainText('X-Query-Count');
});

import { expect, test } from '@playwright/test';

test('p13 insert stores SQL-looking text literally (201)', async ({ page, request }) => {
  expect((await request.post('/p12/setup')).status()).toBe(200);
  const title = `'); DROP TABLE notes;-- ${Date.now()}`;
  await page.goto('/#/p13');
  await page.getByLabel('Title').fill(title);
  await page.getByRole('button', { name: 'Insert note' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  await expect(page.getByTestId('body')).toContainText(title);
});

import { expect, test } from '@playwright/test';

/** A run-unique, valid ISBN-13 (979 prefix, 9 digits from the clock and a random part). */
function uniqueIsbn13(): string {
  const nine = String((Date.now() * 1000 + Math.floor(Math.random() * 1000)) % 1_000_000_000).padStart(9, '0');
  const body = `979${nine}`;
  const total = [...body].reduce((sum, d, i) => sum + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + String((10 - (total % 10)) % 10);
}

test('p17 create book answers 201, then the same ISBN 409', async ({ page }) => {
  const isbn = uniqueIsbn13();
  await page.goto('/#/p17');
  await page.getByLabel('ISBN').fill(isbn);
  await page.getByRole('button', { name: 'Create book' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  await expect(page.getByTestId('body')).toContainText(`"isbn": "${isbn}"`);
  await page.getByRole('button', { name: 'Create book' }).click();
  await expect(page.getByTestId('status')).toHaveText('409');
  await expect(page.getByTestId('body')).toContainText('/problems/conflict');
});

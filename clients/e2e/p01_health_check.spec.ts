import { expect, test } from '@playwright/test';

test('p01 health check answers 200 with status ok', async ({ page }) => {
  await page.goto('/#/p01');
  await page.getByRole('button', { name: 'Check health' }).click();
  await expect(page.getByTestId('status')).toHaveText('200');
  await expect(page.getByTestId('body')).toContainText('"status": "ok"');
});

import { expect, test } from '@playwright/test';

const LEVEL_1 = ['p01', 'p02', 'p03', 'p04', 'p05', 'p06', 'p07', 'p08', 'p09', 'p10'];

test('the index lists the Level 1 concepts served by the server', async ({ page }) => {
  await page.goto('/#/');
  await expect(page.getByTestId('implementation')).not.toBeEmpty();
  await expect(page.getByTestId('concepts-error')).toHaveCount(0);

  const level1 = page.getByTestId('level-1');
  for (const id of LEVEL_1) {
    const item = level1.getByRole('listitem').filter({ has: page.getByRole('link', { name: new RegExp(`^${id} `) }) });
    await expect(item).toHaveCount(1);
    await expect(item).not.toContainText('not implemented by this server');
  }

  await level1.getByRole('link', { name: /^p01 / }).click();
  await expect(page).toHaveURL(/#\/p01$/);
  await expect(page.getByRole('button', { name: 'Check health' })).toBeVisible();
});

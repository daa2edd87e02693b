import { expect, test } from '@playwright/test';

test('p46 an increment in one tab updates the live count in another', async ({ browser }) => {
  const context = await browser.newContext();
  const first = await context.newPage();
  const second = await context.newPage();
  await first.goto('/#/p46');
  await second.goto('/#/p46');
  await expect(first.getByTestId('live-state')).toHaveText('(live)');
  await expect(second.getByTestId('live-state')).toHaveText('(live)');
  await first.getByRole('button', { name: 'Increment' }).click();
  await expect(first.getByTestId('status')).toHaveText('200');
  const answered = Number(JSON.parse((await first.getByTestId('body').textContent()) ?? '{}').value);
  await expect(async () => {
    expect(Number(await second.getByTestId('live-count').textContent())).toBeGreaterThanOrEqual(answered);
  }).toPass({ timeout: 5000 });
  await context.close();
});

import { expect, test } from '@playwright/test';

test('p45 the server greets, then answers a ping with a pong', async ({ page }) => {
  await page.goto('/#/p45');
  await page.getByRole('button', { name: 'Send over WebSocket' }).click();
  const frames = page.getByTestId('frames');
  await expect(frames).toContainText('"type": "hello"');
  await expect(frames).toContainText('"type": "pong"');
  await expect(frames).toContainText('closed (code 1000)');
});

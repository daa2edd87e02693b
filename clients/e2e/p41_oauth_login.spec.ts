import { expect, test } from '@playwright/test';
import { freshAccount } from './p24_auth';

test('p41 logs in through the mock provider and back, tokens never in the URL', async ({ page }) => {
  const { email } = freshAccount();
  const urls: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });

  for (const created of ['true', 'false']) {
    await page.goto('/#/p41');
    await page.getByRole('button', { name: 'Log in through the mock provider' }).click();
    // The provider's own page: no login_hint was sent, so it asks which email to be.
    await expect(page.getByRole('heading', { name: 'Mock OpenID provider' })).toBeVisible();
    await page.getByLabel('Email').fill(email);
    await page.getByRole('button', { name: 'Log in' }).click();
    // Back on this page, which collected the tokens with POST /p41/handoff.
    await expect(page).toHaveURL(/\/#\/p41$/);
    await expect(page.getByTestId('status')).toHaveText('200');
    await expect(page.getByTestId('body')).toContainText(`"created": ${created}`);
    await expect(page.getByTestId('body')).toContainText(email);
  }
  expect(urls.some((url) => url.includes('/p41/provider/authorize'))).toBe(true);
  expect(urls.filter((url) => /token/i.test(url))).toEqual([]);
});

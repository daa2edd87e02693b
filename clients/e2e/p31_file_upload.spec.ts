import { expect, test } from '@playwright/test';
import { accessToken, signUp } from './p24_auth';

/** The 8-byte PNG signature and an IHDR chunk: enough for a sniffer to say image/png. */
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108020000009077053e', 'hex');

test('p31 a PNG uploads as 201 image/png, a text file is 415', async ({ page, request }) => {
  const token = await accessToken(request, await signUp(request));
  await page.goto('/#/p31');
  await page.getByLabel('Access token').fill(token);
  await page.getByLabel('File').setInputFiles({ name: 'photo.html', mimeType: 'text/html', buffer: PNG });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('status')).toHaveText('201');
  await expect(page.getByTestId('body')).toContainText('"content_type": "image/png"');
  await page.getByLabel('File').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('hi') });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByTestId('status')).toHaveText('415');
  await expect(page.getByTestId('body')).toContainText('/problems/unsupported-media-type');
});

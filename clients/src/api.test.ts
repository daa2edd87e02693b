import { describe, expect, it, vi } from 'vitest';
import { callApi } from './api';
import { mockFetch } from './test-utils';

describe('callApi', () => {
  it('returns 4xx responses instead of throwing, with the problem parsed', async () => {
    const problem = { type: '/problems/not-found', title: 'Not Found', status: 404, detail: 'No user 9', request_id: 'r1' };
    mockFetch(404, problem, { 'Content-Type': 'application/problem+json', 'X-Request-ID': 'r1' });

    const result = await callApi({ path: '/p05/users/9' });

    expect(result.status).toBe(404);
    expect(result.json).toEqual(problem);
    expect(result.headers['x-request-id']).toBe('r1');
    expect(result.method).toBe('GET');
    expect(result.url).toBe('/p05/users/9');
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
    expect(result.error).toBeUndefined();
  });

  it('returns 5xx responses too', async () => {
    mockFetch(500, { status: 500 });
    await expect(callApi({ path: '/p08/boom' })).resolves.toMatchObject({ status: 500 });
  });

  it('keeps non-JSON bodies as text', async () => {
    mockFetch(200, 'plain text', { 'Content-Type': 'text/plain' });
    const result = await callApi({ path: '/x' });
    expect(result.bodyText).toBe('plain text');
    expect(result.json).toBeUndefined();
  });

  it('sends JSON bodies and raw bodies with the base prefixed', async () => {
    const fetchMock = mockFetch(200, {});

    await callApi({ base: 'http://api.test', method: 'post', path: '/p07/registrations', body: { age: 36 } });
    await callApi({ method: 'POST', path: '/p03/echo', rawBody: '{broken' });

    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://api.test/p07/registrations');
    expect(init).toMatchObject({ method: 'POST', body: '{"age":36}' });
    expect((init?.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect(fetchMock.mock.calls[1][1]?.body).toBe('{broken');
  });

  it('reports network errors as a result with status 0', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))));
    const result = await callApi({ path: '/p01/health' });
    expect(result.status).toBe(0);
    expect(result.error).toMatch(/Network error: Failed to fetch/);
  });
});

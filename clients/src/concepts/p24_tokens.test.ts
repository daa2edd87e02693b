import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../api';
import { issuedTokens, rememberIssuedTokens, rememberedAccessToken, rememberedRefreshToken } from './p24_tokens';

describe('current tokens', () => {
  const answer = (status: number, json: unknown) => ({ status, json }) as ApiResult;

  it('remembers the tokens of a 200 token response only', () => {
    expect(rememberIssuedTokens(answer(401, { access_token: 'x' }))).toEqual({ access: '', refresh: '' });
    expect(rememberIssuedTokens(answer(200, { access_token: 'a1', refresh_token: 'r1' }))).toEqual({
      access: 'a1',
      refresh: 'r1',
    });
    rememberIssuedTokens(answer(200, { access_token: 'a2' }));
    expect([rememberedAccessToken(), rememberedRefreshToken()]).toEqual(['a2', 'r1']);
    expect(issuedTokens(null)).toEqual({ access: '', refresh: '' });
  });
});

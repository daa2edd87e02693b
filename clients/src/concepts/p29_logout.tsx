import { useState } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken, rememberedRefreshToken } from './p24_tokens';

export default function P29Logout() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [refresh, setRefresh] = useState(rememberedRefreshToken);

  function logout() {
    const body = refresh.trim() ? { refresh_token: refresh.trim() } : undefined;
    run({ method: 'POST', path: '/p29/logout', headers: bearer(token), body });
  }

  return (
    <>
      <p>
        A signed token stays valid until it expires, unless the server remembers that it was revoked.{' '}
        <code>POST /p29/logout</code> puts this access token (and the refresh token, if given) on a blocklist
        shared by every worker; <code>POST /p29/logout-all</code> revokes every token of the user. Afterwards the
        same token gets <code>401 token-revoked</code>.
      </p>
      <label>
        Access token
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <label>
        Refresh token (optional)
        <textarea rows={3} value={refresh} onChange={(e) => setRefresh(e.target.value)} />
      </label>
      <button type="button" disabled={loading} onClick={logout}>
        Log out
      </button>
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ method: 'POST', path: '/p29/logout-all', headers: bearer(token) })}
      >
        Log out everywhere
      </button>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p26/me', headers: bearer(token) })}>
        Call /p26/me with the token
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useState } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P42EnvVars() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);

  return (
    <>
      <p>
        Every setting the server reads is declared once and read once, at start-up: from the process environment (
        <code>env</code>), else a <code>.env</code> file (<code>.env</code>), else its default (<code>default</code>).{' '}
        <code>GET /p42/env</code> shows each one with its source; secrets are <code>***</code> and so is the password
        inside a URL (<code>DATABASE_URL</code>, <code>REDIS_URL</code>). Admins only: log in as the admin on the p24 page
        first (<code>401</code> without a token, <code>403</code> for a user).
      </p>
      <label>
        Access token (an admin&apos;s)
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p42/env', headers: bearer(token) })}>
        Show the settings
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

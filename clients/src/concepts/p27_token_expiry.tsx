import { useEffect, useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberFromResult } from './p24_tokens';

export default function P27TokenExpiry() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');
  const [expiresIn, setExpiresIn] = useState('5');
  const [token, setToken] = useState('');

  useEffect(() => {
    const body = result?.json as { access_token?: unknown } | undefined;
    if (result?.status === 200 && typeof body?.access_token === 'string') {
      setToken(body.access_token);
      rememberFromResult(result);
    }
  }, [result]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const seconds = /^\d+$/.test(expiresIn.trim()) ? Number(expiresIn.trim()) : expiresIn;
    run({ method: 'POST', path: '/p27/token', body: { email, password, expires_in: seconds } });
  }

  return (
    <>
      <p>
        Every token ends. <code>POST /p27/token</code> issues one that lives <code>expires_in</code> seconds (1 to
        3600). Call <code>/p26/me</code> with it at once (<code>200</code>), wait past its life and call again:{' '}
        <code>401 token-expired</code>, <code>WWW-Authenticate: Bearer error=&quot;invalid_token&quot;</code>.
      </p>
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Expires in (seconds)
          <input inputMode="numeric" value={expiresIn} onChange={(e) => setExpiresIn(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Get a short-lived token
        </button>
      </form>
      <button type="button" disabled={loading || !token} onClick={() => run({ path: '/p26/me', headers: bearer(token) })}>
        Call /p26/me with it
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

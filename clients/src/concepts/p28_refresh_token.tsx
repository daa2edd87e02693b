import { useEffect, useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { rememberFromResult, rememberedRefreshToken } from './p24_tokens';

export default function P28RefreshToken() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');
  const [current, setCurrent] = useState(rememberedRefreshToken);
  const [spent, setSpent] = useState('');

  // Each successful answer brings a new refresh token: the one just used becomes "spent".
  useEffect(() => {
    const body = result?.json as { refresh_token?: unknown } | undefined;
    if (result?.status === 200 && typeof body?.refresh_token === 'string') {
      const fresh = body.refresh_token;
      setCurrent((previous) => {
        if (previous && previous !== fresh) setSpent(previous);
        return fresh;
      });
      rememberFromResult(result);
    }
  }, [result]);

  function login(event: FormEvent) {
    event.preventDefault();
    setSpent('');
    run({ method: 'POST', path: '/p28/login', body: { email, password } });
  }

  return (
    <>
      <p>
        <code>POST /p28/login</code> returns an access token and a refresh token. <code>POST /p28/refresh</code>{' '}
        exchanges the refresh token for a new pair and spends it (rotation). Replaying a spent one looks like
        theft: the server revokes the whole family, so after &quot;Reuse the spent token&quot; even the newest
        refresh token gets <code>401</code>.
      </p>
      <form onSubmit={login}>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Log in for a pair
        </button>
      </form>
      <button
        type="button"
        disabled={loading || !current}
        onClick={() => run({ method: 'POST', path: '/p28/refresh', body: { refresh_token: current } })}
      >
        Refresh
      </button>
      <button
        type="button"
        disabled={loading || !spent}
        onClick={() => run({ method: 'POST', path: '/p28/refresh', body: { refresh_token: spent } })}
      >
        Reuse the spent token
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useEffect, useState } from 'react';
import { useApiCall } from '../api';
import { CredentialsForm, type Credentials } from '../components/CredentialsForm';
import { ResponseViewer } from '../components/ResponseViewer';
import { rememberIssuedTokens, rememberedRefreshToken } from './p24_tokens';

export default function P28RefreshToken() {
  const { result, loading, run } = useApiCall();
  const [current, setCurrent] = useState(rememberedRefreshToken);
  const [spent, setSpent] = useState('');

  // Each successful answer brings a new refresh token: the one just used becomes "spent".
  useEffect(() => {
    const { refresh: fresh } = rememberIssuedTokens(result);
    if (!fresh) return;
    setCurrent((previous) => {
      if (previous && previous !== fresh) setSpent(previous);
      return fresh;
    });
  }, [result]);

  function logIn(credentials: Credentials) {
    setSpent('');
    run({ method: 'POST', path: '/p28/login', body: credentials });
  }

  return (
    <>
      <p>
        <code>POST /p28/login</code> returns an access token and a refresh token. <code>POST /p28/refresh</code>{' '}
        exchanges the refresh token for a new pair and spends it (rotation). Replaying a spent one looks like
        theft: the server revokes the whole family, so after &quot;Reuse the spent token&quot; even the newest
        refresh token gets <code>401</code>.
      </p>
      <CredentialsForm submitLabel="Log in for a pair" loading={loading} onSubmit={logIn} />
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

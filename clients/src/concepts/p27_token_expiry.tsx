import { useEffect, useState } from 'react';
import { useApiCall } from '../api';
import { CredentialsForm, type Credentials } from '../components/CredentialsForm';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { integerOrText } from '../form';
import { bearer, rememberIssuedTokens } from './p24_tokens';

export default function P27TokenExpiry() {
  const { result, loading, run } = useApiCall();
  const [expiresIn, setExpiresIn] = useState('5');
  const [token, setToken] = useState('');

  useEffect(() => {
    const { access } = rememberIssuedTokens(result);
    if (access) setToken(access);
  }, [result]);

  function getToken(credentials: Credentials) {
    run({ method: 'POST', path: '/p27/token', body: { ...credentials, expires_in: integerOrText(expiresIn) } });
  }

  return (
    <>
      <p>
        Every token ends. <code>POST /p27/token</code> issues one that lives <code>expires_in</code> seconds (1 to
        3600). Call <code>/p26/me</code> with it at once (<code>200</code>), wait past its life and call again:{' '}
        <code>401 token-expired</code>, <code>WWW-Authenticate: Bearer error=&quot;invalid_token&quot;</code>.
      </p>
      <CredentialsForm submitLabel="Get a short-lived token" loading={loading} onSubmit={getToken}>
        <Field label="Expires in (seconds)" inputMode="numeric" value={expiresIn} onChange={setExpiresIn} />
      </CredentialsForm>
      <button type="button" disabled={loading || !token} onClick={() => run({ path: '/p26/me', headers: bearer(token) })}>
        Call /p26/me with it
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

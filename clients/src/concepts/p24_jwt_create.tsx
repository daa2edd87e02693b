import { useEffect } from 'react';
import { useApiCall } from '../api';
import { CredentialsForm, type Credentials } from '../components/CredentialsForm';
import { ResponseViewer } from '../components/ResponseViewer';
import { decodeJwt, issuedTokens, rememberIssuedTokens } from './p24_tokens';

export default function P24JwtCreate() {
  const { result, loading, run } = useApiCall();

  useEffect(() => {
    rememberIssuedTokens(result);
  }, [result]);
  const { access } = issuedTokens(result);
  const decoded = access ? decodeJwt(access) : null;

  function getToken(credentials: Credentials) {
    run({ method: 'POST', path: '/p24/token', body: credentials });
  }

  return (
    <>
      <p>
        <code>POST /p24/token</code> trades valid credentials for a signed HS256 access token (15 minutes). Its
        payload is only base64: anyone can read it (decoded below), nobody can change it without the server&apos;s
        key. It carries <code>sub</code> (the user id, a string), <code>iat</code>, <code>exp</code>,{' '}
        <code>jti</code>, <code>type</code> and <code>role</code>. The token is kept in this page&apos;s memory for
        the next pages (p25, p26, p29, p30), never in <code>localStorage</code>.
      </p>
      <CredentialsForm submitLabel="Get a token" loading={loading} onSubmit={getToken} />
      {decoded && (
        <pre data-testid="decoded">{JSON.stringify(decoded, null, 2)}</pre>
      )}
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

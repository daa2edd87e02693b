import { useEffect, useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { decodeJwt, rememberFromResult } from './p24_tokens';

export default function P24JwtCreate() {
  const { result, loading, run } = useApiCall();
  const [email, setEmail] = useState('ada@example.com');
  const [password, setPassword] = useState('');

  useEffect(() => rememberFromResult(result), [result]);
  const token = (result?.json as { access_token?: unknown } | undefined)?.access_token;
  const decoded = typeof token === 'string' ? decodeJwt(token) : null;

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ method: 'POST', path: '/p24/token', body: { email, password } });
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
      <form onSubmit={submit}>
        <label>
          Email
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Get a token
        </button>
      </form>
      {decoded && (
        <pre data-testid="decoded">{JSON.stringify(decoded, null, 2)}</pre>
      )}
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

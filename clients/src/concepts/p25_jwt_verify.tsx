import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, decodeJwt, rememberedAccessToken } from './p24_tokens';

export default function P25JwtVerify() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const decoded = decodeJwt(token);

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: '/p25/verify', headers: bearer(token) });
  }

  return (
    <>
      <p>
        A token viewer: the header and payload below are decoded in your browser <em>without</em> any check. Only{' '}
        <code>GET /p25/verify</code> can tell whether the token is genuine: edit one character of the payload,
        or the <code>alg</code>, and the server answers <code>401 token-invalid</code> with{' '}
        <code>WWW-Authenticate: Bearer error=&quot;invalid_token&quot;</code>; an empty field is{' '}
        <code>token-missing</code>. (Get a token on the p24 page first, or paste one.)
      </p>
      <form onSubmit={submit}>
        <label>
          Access token
          <textarea rows={4} value={token} onChange={(e) => setToken(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Verify on the server
        </button>
      </form>
      <pre data-testid="decoded">{decoded ? JSON.stringify(decoded, null, 2) : 'Not a decodable JWT.'}</pre>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

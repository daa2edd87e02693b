import { useState } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P38RateLimit() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);

  return (
    <>
      <p>
        <code>GET /p38/limited</code> allows 5 requests a minute per client: the user of the access token when one is
        sent (a bad token is <code>401</code>), otherwise your address. Watch <code>RateLimit</code> count down{' '}
        <code>r=4</code> … <code>r=0</code>; the 6th request is <code>429 rate-limited</code> with{' '}
        <code>Retry-After</code>. The check and the count are one atomic step in the limiter&apos;s storage (Redis
        with <code>REDIS_URL</code>), so 20 requests at once still get exactly 5 through.
      </p>
      <label>
        Access token (optional)
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button
        type="button"
        disabled={loading}
        onClick={() => run({ path: '/p38/limited', headers: bearer(token) })}
      >
        Call the limited route
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

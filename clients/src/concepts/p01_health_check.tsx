import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P01HealthCheck() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        A health check is the smallest useful endpoint: load balancers and uptime monitors call it to ask
        “is this process alive?”. This page calls <code>GET /p01/health</code>, which answers <code>200</code> with
        the status, the version and the uptime, and <code>Cache-Control: no-store</code> so no cache serves a stale
        answer.
      </p>
      <button type="button" onClick={() => run({ path: '/p01/health' })} disabled={loading}>
        Check health
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

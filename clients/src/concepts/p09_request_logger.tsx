import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P09RequestLogger() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        Request hooks run around every handler: they assign the request id, time the request and log one JSON line
        per request. This page calls <code>GET /p09/lifecycle</code>, which answers the request id (the same as the{' '}
        <code>X-Request-ID</code> header) and the ordered list of hooks that ran for this very request.
      </p>
      <button type="button" onClick={() => run({ path: '/p09/lifecycle' })} disabled={loading}>
        Show my request's lifecycle
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

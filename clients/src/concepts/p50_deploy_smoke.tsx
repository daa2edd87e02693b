import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P50DeploySmoke() {
  const { result, loading, run } = useApiCall();

  return (
    <>
      <p>
        <code>GET /p50/version</code>: the version and commit a deployment test checks first; the smoke test itself is <code>pytest contracts -m smoke --base-url URL</code>.
      </p>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p50/version' })}>
        Show the version
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

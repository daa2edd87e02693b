import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P48Compose() {
  const { result, loading, run } = useApiCall();

  return (
    <>
      <p>
        <code>GET /p48/dependencies</code>: every service the deployment depends on, each <code>configured</code> or not, <code>ok</code> and its <code>latency_ms</code>; 503 when a configured one does not answer.
      </p>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p48/dependencies' })}>
        Check the dependencies
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

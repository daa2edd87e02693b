import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P43ConfigEnvs() {
  const { result, loading, run } = useApiCall();

  return (
    <>
      <p>
        <code>APP_ENV</code> picks one configuration class: <code>development</code> (the Vite dev server may call the
        API), <code>testing</code> (Flask&apos;s testing mode) or <code>production</code> (refuses to start with a default
        secret). <code>GET /p43/config</code> says which one runs, and the backends that followed from the settings: the
        database dialect, the cache (<code>redis</code> or <code>simple</code>) and the rate-limit counters (
        <code>redis</code> or <code>memory</code>). No secrets.
      </p>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p43/config' })}>
        Show the configuration
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P11DbConnection() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        The app finds its database through one connection URL (<code>DATABASE_URL</code>): dialect, driver,
        credentials, host and database name. This page calls <code>GET /p11/db</code>, which takes a connection from
        the pool, runs <code>SELECT 1</code> and describes what answered, with the URL&apos;s password shown as{' '}
        <code>***</code>. A database that does not answer gives a <code>503</code> problem.
      </p>
      <button type="button" onClick={() => run({ path: '/p11/db' })} disabled={loading}>
        Check the database
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

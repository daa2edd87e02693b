import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P12CreateTable() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        The <code>notes</code> table used by p13–p16 is created by hand-written DDL, one <code>.sql</code> file per
        database, in an explicit step: <code>POST /p12/setup</code> runs <code>CREATE TABLE IF NOT EXISTS</code> and
        answers <code>200</code> every time (<code>created</code> says whether this call did it). Then{' '}
        <code>GET /p12/schema</code> shows the columns as the database itself describes them.
      </p>
      <button type="button" onClick={() => run({ method: 'POST', path: '/p12/setup' })} disabled={loading}>
        Run the setup
      </button>{' '}
      <button type="button" onClick={() => run({ path: '/p12/schema' })} disabled={loading}>
        Show the schema
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

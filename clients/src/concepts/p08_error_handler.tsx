import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P08ErrorHandler() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        A central error handler turns every exception into the same RFC 9457 problem document (
        <code>application/problem+json</code> with <code>type</code>, <code>title</code>, <code>status</code>,{' '}
        <code>detail</code>, <code>request_id</code>). This page calls <code>GET /p08/domain-error</code>, whose
        handler raises a custom domain exception that the app maps to a <code>409</code> with its own{' '}
        <code>type</code>.
      </p>
      <button type="button" onClick={() => run({ path: '/p08/domain-error' })} disabled={loading}>
        Trigger a domain error
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

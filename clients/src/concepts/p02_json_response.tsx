import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P02JsonResponse() {
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        An endpoint that returns JSON: a Python dict becomes a UTF-8 body with{' '}
        <code>Content-Type: application/json</code>, and non-ASCII text stays readable. This page calls{' '}
        <code>GET /p02/quotes/random</code>, which answers one quote <code>{'{"id", "text", "author"}'}</code>.
      </p>
      <button type="button" onClick={() => run({ path: '/p02/quotes/random' })} disabled={loading}>
        Random quote
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

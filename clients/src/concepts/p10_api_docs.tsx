import { useApiBase } from '../apiBase';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P10ApiDocs() {
  const { base } = useApiBase();
  const { result, loading, run } = useApiCall();
  return (
    <>
      <p>
        The API describes itself: <code>GET /openapi.json</code> is an OpenAPI 3 document covering every route, its
        parameters, request schemas and responses, and <code>/docs</code> renders it for humans. This page fetches
        the document (it is large: scroll inside the body box); the{' '}
        <a href={`${base}/docs`} target="_blank" rel="noreferrer">
          interactive docs
        </a>{' '}
        open in a new tab.
      </p>
      <button type="button" onClick={() => run({ path: '/openapi.json' })} disabled={loading}>
        Fetch OpenAPI document
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

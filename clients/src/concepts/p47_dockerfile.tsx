import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P47Dockerfile() {
  const { result, loading, run } = useApiCall();

  return (
    <>
      <p>
        <code>GET /p47/build</code>: the running build (the image's build arguments, or this checkout's commit).
      </p>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p47/build' })}>
        Show the build
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

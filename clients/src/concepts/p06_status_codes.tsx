import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P06StatusCodes() {
  const { result, loading, run } = useApiCall();
  const [code, setCode] = useState('418');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: `/p06/status/${encodeURIComponent(code.trim())}` });
  }

  return (
    <>
      <p>
        The status code is the first thing a client reads: 2xx success, 4xx the client's fault, 5xx the server's.
        This page calls <code>{'GET /p06/status/{code}'}</code>, which answers with exactly that status (200–599):
        a JSON body, a problem for 4xx/5xx, no body at all for <code>204</code> and <code>304</code>, and a{' '}
        <code>422</code> for a code outside that range.
      </p>
      <form onSubmit={submit}>
        <Field label="Status code" inputMode="numeric" value={code} onChange={setCode} />
        <button type="submit" disabled={loading}>
          Get status
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P05PathParams() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('1');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: `/p05/users/${encodeURIComponent(id.trim())}` });
  }

  return (
    <>
      <p>
        Path parameters name one resource inside the URL. This page calls <code>{'GET /p05/users/{id}'}</code>:
        an existing id answers <code>200</code> with the user, an unknown id or one that is not a plain integer
        (try <code>abc</code> or <code>-1</code>) answers a <code>404</code> problem.
      </p>
      <form onSubmit={submit}>
        <Field label="User id" value={id} onChange={setId} />
        <button type="submit" disabled={loading}>
          Get user
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

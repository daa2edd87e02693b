import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P44ApiVersioning() {
  const { result, loading, run } = useApiCall();
  const [version, setVersion] = useState('v1');
  const [id, setId] = useState('1');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: `/p44/${encodeURIComponent(version.trim())}/users/${encodeURIComponent(id.trim())}` });
  }

  return (
    <>
      <p>
        One user, two versions of the API. <code>{'GET /p44/v1/users/{id}'}</code> answers{' '}
        <code>{'{"id","name"}'}</code> and says it is going away: <code>Deprecation</code> (since when),{' '}
        <code>Sunset</code> (until when) and a <code>Link</code> to its <code>successor-version</code>.{' '}
        <code>v2</code> answers <code>{'{"id","first_name","last_name"}'}</code> with none of those headers; try{' '}
        <code>v3</code> for a 404.
      </p>
      <form onSubmit={submit}>
        <Field label="Version" value={version} onChange={setVersion} />
        <Field label="User id" value={id} onChange={setId} />
        <button type="submit" disabled={loading}>
          Get user
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

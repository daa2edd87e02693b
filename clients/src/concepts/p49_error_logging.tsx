import { useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P49ErrorLogging() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [errorId, setErrorId] = useState('');
  const boomId = result?.status === 500 ? (result.json as { error_id?: string } | undefined)?.error_id : undefined;

  return (
    <>
      <p>
        <code>GET /p49/boom</code> fails on purpose. The client gets a <code>500</code> with nothing inside but an{' '}
        <code>error_id</code>; the server writes one JSON record (traceback, request id, route, user id, headers with{' '}
        <code>Authorization</code> masked) to its log and to the database, where an admin finds it with{' '}
        <code>{'GET /p49/errors/{error_id}'}</code> from any worker. Paste an admin token (log in on the p24 page as{' '}
        the admin) to read the record.
      </p>
      <label>
        Access token (optional for boom; an admin's to read a record)
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p49/boom', headers: bearer(token) })}>
        Trigger an error
      </button>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const id = errorId.trim() || boomId || '';
          run({ path: `/p49/errors/${encodeURIComponent(id)}`, headers: bearer(token) });
        }}
      >
        <Field label="Error id" value={errorId} onChange={setErrorId} placeholder={boomId ?? 'from the 500 above'} />
        <button type="submit" disabled={loading}>
          Read its record
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

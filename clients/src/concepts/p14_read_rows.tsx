import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { itemOrListPath } from '../form';

export default function P14ReadRows() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('');
  const [limit, setLimit] = useState('20');

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: itemOrListPath('/p14/notes', id, limit) });
  }

  return (
    <>
      <p>
        Reading rows back with raw <code>SELECT</code>s: <code>GET /p14/notes</code> lists the newest notes first,{' '}
        <code>limit</code> (1–100) at a time; <code>{'GET /p14/notes/{id}'}</code> reads one note with an{' '}
        <code>ETag</code> header, the fingerprint of this version that p15 and p16 accept in <code>If-Match</code>.
        Leave the id empty to list.
      </p>
      <form onSubmit={submit}>
        <Field label="Note id" inputMode="numeric" value={id} onChange={setId} />
        <Field label="Limit" inputMode="numeric" value={limit} onChange={setLimit} />
        <button type="submit" disabled={loading}>
          Read notes
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

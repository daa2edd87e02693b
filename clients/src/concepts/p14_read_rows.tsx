import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P14ReadRows() {
  const { result, loading, run } = useApiCall();
  const [id, setId] = useState('');
  const [limit, setLimit] = useState('20');

  function submit(event: FormEvent) {
    event.preventDefault();
    const noteId = id.trim();
    run({
      path: noteId
        ? `/p14/notes/${encodeURIComponent(noteId)}`
        : `/p14/notes?limit=${encodeURIComponent(limit.trim())}`,
    });
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
        <label>
          Note id
          <input inputMode="numeric" value={id} onChange={(e) => setId(e.target.value)} />
        </label>
        <label>
          Limit
          <input inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value)} />
        </label>
        <button type="submit" disabled={loading}>
          Read notes
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

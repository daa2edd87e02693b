import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P39RequestTiming() {
  const { result, loading, run } = useApiCall();
  const [ms, setMs] = useState('300');

  function sleep(event: FormEvent) {
    event.preventDefault();
    run({ path: `/p39/slow?ms=${encodeURIComponent(ms.trim())}` });
  }

  return (
    <>
      <p>
        <code>GET /p39/slow?ms=N</code> sleeps N milliseconds (0–2000). Its <code>Server-Timing</code> header
        shows <code>app;dur=</code> (the whole request, measured by the core) and <code>sleep;dur=</code> (the
        view&apos;s own metric); your browser&apos;s network panel draws them. <code>GET /p39/stats</code> then
        shows each p39 route&apos;s count, p50 and p95 — for the worker process that answered.
      </p>
      <form onSubmit={sleep}>
        <Field label="Milliseconds" inputMode="numeric" value={ms} onChange={setMs} />
        <button type="submit" disabled={loading}>
          Sleep
        </button>
      </form>
      <button type="button" disabled={loading} onClick={() => run({ path: '/p39/stats' })}>
        Show stats
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P36Cache() {
  const { result, loading, run } = useApiCall();
  const [n, setN] = useState(String(Math.floor(Math.random() * 1_000_000)));

  function submit(event: FormEvent) {
    event.preventDefault();
    run({ path: `/p36/square/${encodeURIComponent(n.trim())}` });
  }

  return (
    <>
      <p>
        <code>{'GET /p36/square/{n}'}</code> pretends to be expensive: computing it takes 200 ms. The answer is then
        kept in the cache (Redis with <code>REDIS_URL</code>, else this process&apos;s memory) for 60 seconds. Press
        the button twice: the first answer says <code>X-Cache: MISS</code> and takes about 200 ms, the second says{' '}
        <code>HIT</code> and takes a millisecond or two. Twenty requests at once for a new <code>n</code> still
        compute it once: the others wait for the first (single flight).
      </p>
      <form onSubmit={submit}>
        <Field label="n" inputMode="numeric" value={n} onChange={setN} />
        <button type="submit" disabled={loading}>
          Get the square
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useEffect, useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P20Pagination() {
  const { result, loading, run } = useApiCall();
  const [limit, setLimit] = useState('20');
  const [offset, setOffset] = useState('');
  const [cursor, setCursor] = useState('');

  // After a keyset page, put its next_cursor in the form: pressing the button again walks on.
  useEffect(() => {
    const body = result?.json as { next_cursor?: unknown } | undefined;
    if (body && 'next_cursor' in body) {
      setCursor(typeof body.next_cursor === 'string' ? body.next_cursor : '');
    }
  }, [result]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const params = new URLSearchParams({ limit: limit.trim() });
    if (offset.trim()) params.set('offset', offset.trim());
    if (cursor.trim()) params.set('cursor', cursor.trim());
    run({ path: `/p20/items?${params.toString()}` });
  }

  return (
    <>
      <p>
        Over 1,000 seeded items, newest first. With an <code>offset</code>, <code>GET /p20/items</code> answers
        an offset page with <code>total</code>; without one, a keyset page whose opaque, signed{' '}
        <code>next_cursor</code> continues exactly where the page ended (change one character and it is a{' '}
        <code>422</code>). Both send <code>Link: rel=&quot;next&quot;</code>. The cursor field fills itself:
        press the button again for the next page.
      </p>
      <form onSubmit={submit}>
        <Field label="Limit" inputMode="numeric" value={limit} onChange={setLimit} />
        <Field label="Offset (offset pages)" inputMode="numeric" value={offset} onChange={setOffset} />
        <Field label="Cursor (keyset pages)" value={cursor} onChange={setCursor} />
        <button type="submit" disabled={loading}>
          Load page
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';

export const P03_DEFAULT_BODY = '{"hello": "wörld", "n": [1,2,3]}';

export default function P03JsonBody() {
  const { result, loading, run } = useApiCall();
  const [text, setText] = useState(P03_DEFAULT_BODY);

  function submit(event: FormEvent) {
    event.preventDefault();
    // Sent raw, not parsed here: break the JSON to see the server's 400 malformed-json problem.
    run({ method: 'POST', path: '/p03/echo', rawBody: text, contentType: 'application/json' });
  }

  return (
    <>
      <p>
        Reading a JSON request body: the server parses what the client sent and reports it back. This page sends
        the text below as-is to <code>POST /p03/echo</code> with <code>Content-Type: application/json</code>; the
        answer holds the parsed value, its JSON type and its size in bytes. Make the text invalid JSON to get a{' '}
        <code>400</code> problem instead.
      </p>
      <form onSubmit={submit}>
        <label>
          JSON body
          <textarea value={text} onChange={(e) => setText(e.target.value)} rows={4} spellCheck={false} />
        </label>
        <button type="submit" disabled={loading}>
          Send JSON
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

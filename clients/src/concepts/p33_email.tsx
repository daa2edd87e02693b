import { useEffect, useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P33Email() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [to, setTo] = useState('friend@example.com');
  const [subject, setSubject] = useState('Hello from the Flask track');
  const [id, setId] = useState<number | null>(null);

  // The message to check: the id of the last accepted send.
  useEffect(() => {
    const body = result?.json as { id?: unknown } | undefined;
    if (result?.method === 'POST' && result.status === 202 && typeof body?.id === 'number') setId(body.id);
  }, [result]);

  function send() {
    run({
      method: 'POST',
      path: '/p33/emails',
      headers: bearer(token),
      body: { to, subject, text: 'Sent through the outbox and the worker.' },
    });
  }

  return (
    <>
      <p>
        A request never talks to the SMTP server. <code>POST /p33/emails</code> writes the message to an outbox
        table and answers <code>202</code>; the worker delivers it and retries with backoff while SMTP is down, so
        nothing is lost. With <code>./run.sh</code> the message lands in <code>instance/mail/</code>. Ten a minute
        per user; a line break in a header is refused (<code>422</code>).
      </p>
      <label>
        Access token (from p24)
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <Field label="To" value={to} onChange={setTo} />
      <Field label="Subject" value={subject} onChange={setSubject} />
      <button type="button" disabled={loading} onClick={send}>
        Send
      </button>
      <button
        type="button"
        disabled={loading || id === null}
        onClick={() => run({ path: `/p33/emails/${id}`, headers: bearer(token) })}
      >
        Check delivery
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

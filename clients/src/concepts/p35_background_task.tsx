import { useEffect, useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

/** The path of the last accepted job (its Location), to poll. */
function jobLocation(location: string | undefined): string {
  if (!location) return '';
  try {
    return new URL(location, window.location.href).pathname;
  } catch {
    return '';
  }
}

export default function P35BackgroundTask() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [text, setText] = useState('the quick brown fox');
  const [job, setJob] = useState('');

  // The job to poll: the Location of the last accepted submission.
  useEffect(() => {
    if (result?.method === 'POST' && result.status === 202) setJob(jobLocation(result.headers.location));
  }, [result]);

  function submit() {
    run({
      method: 'POST',
      path: '/p35/jobs',
      headers: bearer(token),
      body: { kind: 'wordcount', payload: { text } },
    });
  }

  return (
    <>
      <p>
        Slow work does not belong in a request. <code>POST /p35/jobs</code> stores the job, hands its id to a queue
        and answers <code>202 Accepted</code> with a <code>Location</code> at once; a separate worker process
        (<code>python -m flask_track.worker</code>) claims it and runs it. Poll the Location until the status is{' '}
        <code>succeeded</code> or <code>failed</code>.
      </p>
      <label>
        Access token (from p24)
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <Field label="Text to count" value={text} onChange={setText} />
      <button type="button" disabled={loading} onClick={submit}>
        Submit a wordcount job
      </button>
      <button type="button" disabled={loading || !job} onClick={() => run({ path: job, headers: bearer(token) })}>
        Check the job
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

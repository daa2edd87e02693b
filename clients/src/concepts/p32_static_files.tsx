import { useState } from 'react';
import { useApiCall } from '../api';
import { Field } from '../components/Field';
import { ResponseViewer } from '../components/ResponseViewer';

export default function P32StaticFiles() {
  const { result, loading, run } = useApiCall();
  const [path, setPath] = useState('hello.txt');
  const [range, setRange] = useState('');
  const [ifNoneMatch, setIfNoneMatch] = useState('');

  return (
    <>
      <p>
        <code>GET /p32/static/&#123;path&#125;</code> serves files shipped with the app, with <code>ETag</code>,{' '}
        <code>Last-Modified</code> and <code>Cache-Control</code>. Send the ETag back as <code>If-None-Match</code>{' '}
        for a <code>304</code>, a <code>Range</code> such as <code>bytes=0-4</code> for a <code>206</code>; a path
        like <code>../routes.py</code> is a <code>404</code>.
      </p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const headers: Record<string, string> = {};
          if (range) headers.Range = range;
          if (ifNoneMatch) headers['If-None-Match'] = ifNoneMatch;
          run({ path: `/p32/static/${path}`, headers });
        }}
      >
        <Field label="Path" value={path} onChange={setPath} />
        <Field label="Range" value={range} onChange={setRange} placeholder="bytes=0-4" />
        <Field label="If-None-Match" value={ifNoneMatch} onChange={setIfNoneMatch} placeholder='"etag"' />
        <button type="submit" disabled={loading}>
          Fetch file
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

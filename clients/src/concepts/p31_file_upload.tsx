import { useState } from 'react';
import { useApiCall } from '../api';
import { ResponseViewer } from '../components/ResponseViewer';
import { bearer, rememberedAccessToken } from './p24_tokens';

export default function P31FileUpload() {
  const { result, loading, run } = useApiCall();
  const [token, setToken] = useState(rememberedAccessToken);
  const [file, setFile] = useState<File | null>(null);

  return (
    <>
      <p>
        <code>POST /p31/files</code> takes one multipart part <code>file</code>. The server sniffs the type from the
        bytes (a PNG renamed <code>.html</code> is still <code>image/png</code>; text, HTML and SVG are{' '}
        <code>415</code>), stops reading one byte past <code>max_bytes</code> (<code>413</code>, see{' '}
        <code>GET /p31/limits</code>) and stores the file under a generated name. The answer&apos;s{' '}
        <code>id</code> opens <code>/p31/files/&#123;id&#125;/content</code>, a download for you and admins only.
      </p>
      <label>
        Access token
        <textarea rows={3} value={token} onChange={(e) => setToken(e.target.value)} />
      </label>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          const formData = new FormData();
          if (file) formData.append('file', file);
          run({ method: 'POST', path: '/p31/files', headers: bearer(token), formData });
        }}
      >
        <label>
          File
          <input type="file" onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </label>
        <button type="submit" disabled={loading}>
          Upload
        </button>
      </form>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

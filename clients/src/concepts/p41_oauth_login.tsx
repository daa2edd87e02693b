import { useEffect, useState } from 'react';
import { callApi, type ApiResult } from '../api';
import { useApiBase } from '../apiBase';
import { ResponseViewer } from '../components/ResponseViewer';
import { rememberIssuedTokens } from './p24_tokens';

/** Where the provider's round trip ends: back on this page (a path on the API's own site). */
export const RETURN_TO = '/#/p41';

/** The URL the button sends the browser to: the login, asked to come back here. */
export function loginUrl(base: string): string {
  return `${base}/p41/login?return_to=${encodeURIComponent(RETURN_TO)}`;
}

export default function P41OauthLogin() {
  const { base } = useApiBase();
  const [result, setResult] = useState<ApiResult | null>(null);

  // Back from the provider? The callback left a one-time handoff in this browser's session
  // cookie: collect the tokens with a POST (never from the URL). 404: no login is waiting.
  useEffect(() => {
    let active = true;
    void callApi({ base, method: 'POST', path: '/p41/handoff' }).then((answer) => {
      if (!active || answer.status === 404) return;
      rememberIssuedTokens(answer);
      setResult(answer);
    });
    return () => {
      active = false;
    };
  }, [base]);

  return (
    <>
      <p>
        <code>GET /p41/login</code> sends the browser to an OpenID Connect provider (here the app&apos;s own mock
        one at <code>/p41/provider</code>) with a <code>state</code>, a <code>nonce</code> and a PKCE S256
        challenge. The provider asks who you are (any email: it is a mock), then sends you back to{' '}
        <code>/p41/callback</code>, which redeems the code, verifies the id token and creates your account, or
        links the one that has this email. The tokens never travel in a URL: this page collects them with{' '}
        <code>POST /p41/handoff</code>.
      </p>
      <button type="button" onClick={() => window.location.assign(loginUrl(base))}>
        Log in through the mock provider
      </button>
      {result && <ResponseViewer result={result} />}
    </>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useApiCall } from '../api';
import { useApiBase } from '../apiBase';
import { ResponseViewer } from '../components/ResponseViewer';
import { wsUrl } from '../websocket';

export default function P46RealtimeCounter() {
  const { base } = useApiBase();
  const { result, loading, run } = useApiCall();
  const [count, setCount] = useState<number | null>(null);
  const [state, setState] = useState('connecting');
  const socket = useRef<WebSocket | null>(null);

  // One live subscription while the page is open: every tab showing it gets every change.
  useEffect(() => {
    const ws = new WebSocket(wsUrl(base, '/p46/ws'));
    socket.current = ws;
    ws.onopen = () => setState('live');
    ws.onmessage = (event: MessageEvent) => {
      const message = JSON.parse(String(event.data)) as { type?: string; value?: number };
      if (message.type === 'count' && typeof message.value === 'number') setCount(message.value);
    };
    ws.onclose = (event: CloseEvent) => setState(`closed (code ${event.code})`);
    return () => ws.close(1000);
  }, [base]);

  return (
    <>
      <p>
        This page subscribes to <code>WS /p46/ws</code>: the server sends <code>{'{"type":"count","value":n}'}</code>{' '}
        at once and after every change. The button calls <code>POST /p46/increment</code>, which the database
        increments atomically; the new value reaches every subscriber — open this page in a second tab and watch both
        — on every worker (through Redis pub/sub when <code>REDIS_URL</code> is set).
      </p>
      <p>
        Live count: <strong data-testid="live-count">{count ?? '…'}</strong>{' '}
        <span className="muted" data-testid="live-state">
          ({state})
        </span>
      </p>
      <button type="button" disabled={loading} onClick={() => run({ method: 'POST', path: '/p46/increment' })}>
        Increment
      </button>
      <ResponseViewer result={result} loading={loading} />
    </>
  );
}

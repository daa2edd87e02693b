import { useState, type FormEvent } from 'react';
import { useApiBase } from '../apiBase';
import { Field } from '../components/Field';
import { wsUrl, type Frame } from '../websocket';

export default function P45WebsocketHello() {
  const { base } = useApiBase();
  const [message, setMessage] = useState('{"type":"ping"}');
  const [frames, setFrames] = useState<Frame[]>([]);
  const [busy, setBusy] = useState(false);

  function submit(event: FormEvent) {
    event.preventDefault();
    const log = (frame: Frame) => setFrames((previous) => [...previous, frame]);
    setFrames([]);
    setBusy(true);
    // One conversation per press: connect, read the greeting, send, read the answer, close.
    const socket = new WebSocket(wsUrl(base, '/p45/ws'));
    let received = 0;
    socket.onopen = () => log({ direction: 'event', text: 'connected' });
    socket.onmessage = (event: MessageEvent) => {
      log({ direction: 'received', text: String(event.data) });
      received += 1;
      if (received === 1) {
        log({ direction: 'sent', text: message });
        socket.send(message);
      } else {
        socket.close(1000);
      }
    };
    socket.onerror = () => log({ direction: 'event', text: 'error (is the server running?)' });
    socket.onclose = (event: CloseEvent) => {
      log({ direction: 'event', text: `closed (code ${event.code})` });
      setBusy(false);
    };
  }

  return (
    <>
      <p>
        A WebSocket is one long-lived connection on which both sides may speak at any time. This page opens{' '}
        <code>WS /p45/ws</code>: the server greets with <code>{'{"type":"hello"}'}</code>, then answers your message:{' '}
        <code>{'{"type":"ping"}'}</code> gets a <code>pong</code>, plain text an <code>echo</code>, a broken{' '}
        <code>{'{…'}</code> an <code>error</code> (the connection stays open), and more than 65,536 bytes closes it with
        code <code>1009</code>.
      </p>
      <form onSubmit={submit}>
        <Field label="Message" value={message} onChange={setMessage} />
        <button type="submit" disabled={busy}>
          Send over WebSocket
        </button>
      </form>
      <ol className="frames" data-testid="frames">
        {frames.map((frame, index) => (
          <li key={index} className={frame.direction}>
            <code>
              {frame.direction === 'sent' ? '→ ' : frame.direction === 'received' ? '← ' : ''}
              {frame.text}
            </code>
          </li>
        ))}
      </ol>
    </>
  );
}

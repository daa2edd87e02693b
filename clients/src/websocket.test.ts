import { describe, expect, it } from 'vitest';
import { wsUrl } from './websocket';

describe('wsUrl', () => {
  it('uses the page origin for an empty base', () => {
    expect(wsUrl('', '/p45/ws')).toBe(`ws://${window.location.host}/p45/ws`);
  });
  it('turns http into ws and https into wss, keeping a base path', () => {
    expect(wsUrl('http://127.0.0.1:5000', '/p45/ws')).toBe('ws://127.0.0.1:5000/p45/ws');
    expect(wsUrl('https://api.example/track', '/p45/ws')).toBe('wss://api.example/track/p45/ws');
  });
});

import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ApiResult } from '../api';
import { ResponseViewer } from './ResponseViewer';

function result(overrides: Partial<ApiResult> = {}): ApiResult {
  const bodyText = '{"status":"ok","version":"1.0"}';
  return {
    method: 'GET',
    url: '/p01/health',
    status: 200,
    statusText: 'OK',
    headers: {
      'x-request-id': 'abc-123',
      'server-timing': 'app;dur=1.2',
      'content-type': 'application/json',
      'x-powered-by': 'nobody cares',
    },
    bodyText,
    json: JSON.parse(bodyText),
    elapsedMs: 12.5,
    ...overrides,
  };
}

describe('ResponseViewer', () => {
  it('shows the request line, status, interesting headers and pretty JSON', () => {
    render(<ResponseViewer result={result()} />);

    expect(screen.getByTestId('request-line')).toHaveTextContent('GET /p01/health');
    expect(screen.getByTestId('elapsed')).toHaveTextContent('12.5 ms');
    expect(screen.getByTestId('status')).toHaveTextContent(/^200$/);
    expect(screen.getByRole('rowheader', { name: 'X-Request-ID' })).toBeInTheDocument();
    expect(screen.getByText('abc-123')).toBeInTheDocument();
    expect(screen.getByText('app;dur=1.2')).toBeInTheDocument();
    expect(screen.queryByText('nobody cares')).not.toBeInTheDocument();
    expect(screen.getByTestId('body').textContent).toBe('{\n  "status": "ok",\n  "version": "1.0"\n}');
  });

  it('shows text bodies as they are', () => {
    render(<ResponseViewer result={result({ status: 503, bodyText: 'down', json: undefined })} />);
    expect(screen.getByTestId('status')).toHaveTextContent('503');
    expect(screen.getByTestId('body').textContent).toBe('down');
  });

  it('shows network errors instead of a status', () => {
    render(<ResponseViewer result={result({ status: 0, headers: {}, bodyText: '', json: undefined, error: 'Network error: boom' })} />);
    expect(screen.getByRole('alert')).toHaveTextContent('Network error: boom');
    expect(screen.queryByTestId('status')).not.toBeInTheDocument();
  });

  it('says when nothing was sent yet', () => {
    render(<ResponseViewer result={null} />);
    expect(screen.getByText('No request sent yet.')).toBeInTheDocument();
  });
});

import type { ComponentType } from 'react';
import P01HealthCheck from './p01_health_check';
import P02JsonResponse from './p02_json_response';
import P03JsonBody from './p03_json_body';
import P04QueryParams from './p04_query_params';
import P05PathParams from './p05_path_params';
import P06StatusCodes from './p06_status_codes';
import P07Validation from './p07_validation';
import P08ErrorHandler from './p08_error_handler';
import P09RequestLogger from './p09_request_logger';
import P10ApiDocs from './p10_api_docs';

export type Level = 1 | 2 | 3 | 4 | 5;

export interface ConceptPage {
  id: string; // "p01"
  slug: string; // "health-check"
  title: string;
  level: Level;
  Page: ComponentType;
}

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'Request / response',
  2: 'Data & database',
  3: 'Auth',
  4: 'Real backend features',
  5: 'Third-party & production',
};

/** Every concept page of this client. Adding a page: one file + one line here + one e2e spec. */
export const conceptPages: ConceptPage[] = [
  { id: 'p01', slug: 'health-check', title: 'Health check', level: 1, Page: P01HealthCheck },
  { id: 'p02', slug: 'json-response', title: 'JSON response', level: 1, Page: P02JsonResponse },
  { id: 'p03', slug: 'json-body', title: 'JSON request body', level: 1, Page: P03JsonBody },
  { id: 'p04', slug: 'query-params', title: 'Query parameters', level: 1, Page: P04QueryParams },
  { id: 'p05', slug: 'path-params', title: 'Path parameters', level: 1, Page: P05PathParams },
  { id: 'p06', slug: 'status-codes', title: 'Status codes', level: 1, Page: P06StatusCodes },
  { id: 'p07', slug: 'validation', title: 'Input validation', level: 1, Page: P07Validation },
  { id: 'p08', slug: 'error-handler', title: 'Error handler', level: 1, Page: P08ErrorHandler },
  { id: 'p09', slug: 'request-logger', title: 'Request logger', level: 1, Page: P09RequestLogger },
  { id: 'p10', slug: 'api-docs', title: 'API docs (OpenAPI)', level: 1, Page: P10ApiDocs },
];

export const conceptById = new Map(conceptPages.map((c) => [c.id, c]));

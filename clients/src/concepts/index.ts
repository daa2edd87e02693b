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
import P11DbConnection from './p11_db_connection';
import P12CreateTable from './p12_create_table';
import P13InsertRow from './p13_insert_row';
import P14ReadRows from './p14_read_rows';
import P15UpdateRow from './p15_update_row';
import P16DeleteRow from './p16_delete_row';
import P17OrmModel from './p17_orm_model';
import P18OrmVsSql from './p18_orm_vs_sql';
import P19OneToMany from './p19_one_to_many';
import P20Pagination from './p20_pagination';
import P21PasswordHashing from './p21_password_hashing';
import P22Signup from './p22_signup';
import P23Login from './p23_login';
import P24JwtCreate from './p24_jwt_create';
import P25JwtVerify from './p25_jwt_verify';
import P26ProtectedRoute from './p26_protected_route';
import P27TokenExpiry from './p27_token_expiry';
import P28RefreshToken from './p28_refresh_token';
import P29Logout from './p29_logout';
import P30Roles from './p30_roles';

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
  { id: 'p11', slug: 'db-connection', title: 'Database connection', level: 2, Page: P11DbConnection },
  { id: 'p12', slug: 'create-table', title: 'Create table', level: 2, Page: P12CreateTable },
  { id: 'p13', slug: 'insert-row', title: 'Insert row', level: 2, Page: P13InsertRow },
  { id: 'p14', slug: 'read-rows', title: 'Read rows', level: 2, Page: P14ReadRows },
  { id: 'p15', slug: 'update-row', title: 'Update row', level: 2, Page: P15UpdateRow },
  { id: 'p16', slug: 'delete-row', title: 'Delete row', level: 2, Page: P16DeleteRow },
  { id: 'p17', slug: 'orm-model', title: 'ORM model', level: 2, Page: P17OrmModel },
  { id: 'p18', slug: 'orm-vs-sql', title: 'ORM vs raw SQL', level: 2, Page: P18OrmVsSql },
  { id: 'p19', slug: 'one-to-many', title: 'One-to-many', level: 2, Page: P19OneToMany },
  { id: 'p20', slug: 'pagination', title: 'Pagination', level: 2, Page: P20Pagination },
  { id: 'p21', slug: 'password-hashing', title: 'Password hashing', level: 3, Page: P21PasswordHashing },
  { id: 'p22', slug: 'signup', title: 'Signup', level: 3, Page: P22Signup },
  { id: 'p23', slug: 'login', title: 'Login', level: 3, Page: P23Login },
  { id: 'p24', slug: 'jwt-create', title: 'JWT create', level: 3, Page: P24JwtCreate },
  { id: 'p25', slug: 'jwt-verify', title: 'JWT verify', level: 3, Page: P25JwtVerify },
  { id: 'p26', slug: 'protected-route', title: 'Protected route', level: 3, Page: P26ProtectedRoute },
  { id: 'p27', slug: 'token-expiry', title: 'Token expiry', level: 3, Page: P27TokenExpiry },
  { id: 'p28', slug: 'refresh-token', title: 'Refresh token', level: 3, Page: P28RefreshToken },
  { id: 'p29', slug: 'logout', title: 'Logout', level: 3, Page: P29Logout },
  { id: 'p30', slug: 'roles', title: 'Roles', level: 3, Page: P30Roles },
];

export const conceptById = new Map(conceptPages.map((c) => [c.id, c]));

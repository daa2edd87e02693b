import type { ComponentType } from 'react';
import { concepts as ladder, type LadderConcept } from 'virtual:ladder';
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
import P31FileUpload from './p31_file_upload';
import P32StaticFiles from './p32_static_files';
import P33Email from './p33_email';
import P34PasswordReset from './p34_password_reset';
import P35BackgroundTask from './p35_background_task';
import P36Cache from './p36_cache';
import P37CacheInvalidation from './p37_cache_invalidation';
import P38RateLimit from './p38_rate_limit';
import P39RequestTiming from './p39_request_timing';
import P40SoftDelete from './p40_soft_delete';
import P41OauthLogin from './p41_oauth_login';
import P42EnvVars from './p42_env_vars';
import P43ConfigEnvs from './p43_config_envs';
import P44ApiVersioning from './p44_api_versioning';
import P45WebsocketHello from './p45_websocket_hello';
import P46RealtimeCounter from './p46_realtime_counter';
import P47Dockerfile from './p47_dockerfile';
import P48Compose from './p48_compose';
import P49ErrorLogging from './p49_error_logging';
import P50DeploySmoke from './p50_deploy_smoke';

export type Level = LadderConcept['level'];

/** A built concept: its ladder.toml row and this client's page for it. */
export interface ConceptPage extends LadderConcept {
  Page: ComponentType;
}

export const LEVEL_NAMES: Record<Level, string> = {
  1: 'Request / response',
  2: 'Data & database',
  3: 'Auth',
  4: 'Real backend features',
  5: 'Third-party & production',
};

/**
 * The page component of each built concept, by ladder id; id, slug, title and level come from
 * ladder.toml. Adding a page: one file + one line here + one e2e spec (index.test.ts and
 * tests/test_ladder_file.py fail when this map and the file's built rows disagree).
 */
export const pageComponents: Readonly<Record<string, ComponentType>> = {
  p01: P01HealthCheck,
  p02: P02JsonResponse,
  p03: P03JsonBody,
  p04: P04QueryParams,
  p05: P05PathParams,
  p06: P06StatusCodes,
  p07: P07Validation,
  p08: P08ErrorHandler,
  p09: P09RequestLogger,
  p10: P10ApiDocs,
  p11: P11DbConnection,
  p12: P12CreateTable,
  p13: P13InsertRow,
  p14: P14ReadRows,
  p15: P15UpdateRow,
  p16: P16DeleteRow,
  p17: P17OrmModel,
  p18: P18OrmVsSql,
  p19: P19OneToMany,
  p20: P20Pagination,
  p21: P21PasswordHashing,
  p22: P22Signup,
  p23: P23Login,
  p24: P24JwtCreate,
  p25: P25JwtVerify,
  p26: P26ProtectedRoute,
  p27: P27TokenExpiry,
  p28: P28RefreshToken,
  p29: P29Logout,
  p30: P30Roles,
  p31: P31FileUpload,
  p32: P32StaticFiles,
  p33: P33Email,
  p34: P34PasswordReset,
  p35: P35BackgroundTask,
  p36: P36Cache,
  p37: P37CacheInvalidation,
  p38: P38RateLimit,
  p39: P39RequestTiming,
  p40: P40SoftDelete,
  p41: P41OauthLogin,
  p42: P42EnvVars,
  p43: P43ConfigEnvs,
  p44: P44ApiVersioning,
  p45: P45WebsocketHello,
  p46: P46RealtimeCounter,
  p47: P47Dockerfile,
  p48: P48Compose,
  p49: P49ErrorLogging,
  p50: P50DeploySmoke,
};

/** Every concept of the ladder, planned ones included, by id. */
export const ladderById: ReadonlyMap<string, LadderConcept> = new Map(ladder.map((c) => [c.id, c]));

/** Every concept page of this client, in ladder order. */
export const conceptPages: ConceptPage[] = ladder.flatMap((c) => {
  const Page = pageComponents[c.id];
  return Page ? [{ ...c, Page }] : [];
});

export const conceptById: ReadonlyMap<string, ConceptPage> = new Map(conceptPages.map((c) => [c.id, c]));

"""One package per concept, registered in ladder order from this one list."""

LADDER: tuple[str, ...] = (
    # Level 1: request / response
    "p01_health_check",
    "p02_json_response",
    "p03_json_body",
    "p04_query_params",
    "p05_path_params",
    "p06_status_codes",
    "p07_validation",
    "p08_error_handler",
    "p09_request_logger",
    "p10_api_docs",
    # Level 2: data & database
    "p11_db_connection",
    "p12_create_table",
    "p13_insert_row",
    "p14_read_rows",
    "p15_update_row",
    "p16_delete_row",
    "p17_orm_model",
    "p18_orm_vs_sql",
    "p19_one_to_many",
    "p20_pagination",
    # Level 3: auth
    "p21_password_hashing",
    "p22_signup",
    "p23_login",
    "p24_jwt_create",
    "p25_jwt_verify",
    "p26_protected_route",
    "p27_token_expiry",
    "p28_refresh_token",
    "p29_logout",
    "p30_roles",
    # Level 4: real backend features
    "p36_cache",
    "p37_cache_invalidation",
    "p38_rate_limit",
)

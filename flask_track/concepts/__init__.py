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
)

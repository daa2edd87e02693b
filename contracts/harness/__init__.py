"""What contract tests import: case ids, the checks, and the failure formatter."""

from contracts.harness.checks import (
    allow_methods,
    aware_time,
    expect_json,
    expect_problem,
    expect_status,
    expect_validation_error,
    header_value,
    media_type,
    status_slug,
)
from contracts.harness.http import describe, json_body
from contracts.harness.plugin import case

__all__ = [
    "allow_methods",
    "aware_time",
    "case",
    "describe",
    "expect_json",
    "expect_problem",
    "expect_status",
    "expect_validation_error",
    "header_value",
    "json_body",
    "media_type",
    "status_slug",
]

"""The 50 concepts as the catalog names them: the suite's own view, independent of any target."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ConceptInfo:
    id: str
    slug: str
    title: str
    level: int


_ROWS = """
p01 health-check Health check
p02 json-response JSON response
p03 json-body JSON body
p04 query-params Query parameters
p05 path-params Path parameters
p06 status-codes Status codes
p07 validation Validation
p08 error-handler Error handler
p09 request-logger Request logger
p10 api-docs API docs
p11 db-connection Database connection
p12 create-table Create table
p13 insert-row Insert row
p14 read-rows Read rows
p15 update-row Update row
p16 delete-row Delete row
p17 orm-model ORM model
p18 orm-vs-sql ORM vs raw SQL
p19 one-to-many One-to-many
p20 pagination Pagination
p21 password-hashing Password hashing
p22 signup Signup
p23 login Login
p24 jwt-create JWT create
p25 jwt-verify JWT verify
p26 protected-route Protected route
p27 token-expiry Token expiry
p28 refresh-token Refresh token
p29 logout Logout
p30 roles Roles
p31 file-upload File upload
p32 static-files Static files
p33 email Email
p34 password-reset Password reset
p35 background-task Background task
p36 cache Cache
p37 cache-invalidation Cache invalidation
p38 rate-limit Rate limit
p39 request-timing Request timing
p40 soft-delete Soft delete
p41 oauth-login OAuth login
p42 env-vars Environment variables
p43 config-envs Config environments
p44 api-versioning API versioning
p45 websocket-hello WebSocket hello
p46 realtime-counter Realtime counter
p47 dockerfile Dockerfile
p48 compose Compose
p49 error-logging Error logging
p50 deploy-smoke Deploy smoke
"""

CONCEPTS: dict[str, ConceptInfo] = {}
for _n, _line in enumerate(_ROWS.strip().splitlines()):
    _id, _slug, _title = _line.split(" ", 2)
    CONCEPTS[_id] = ConceptInfo(_id, _slug, _title, level=_n // 10 + 1)

# Cases of the app-wide conventions (CATALOG §0) are filed under this pseudo-concept.
CORE = ConceptInfo("core", "conventions", "Conventions (CATALOG §0)", level=0)

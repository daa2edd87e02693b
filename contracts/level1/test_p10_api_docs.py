"""p10 api-docs (CATALOG Level 1): GET /openapi.json documents every route; GET /docs renders it.

Every case reads the document the server publishes and checks it against the server itself, so
the cases grow with the app: a route added by any concept is checked without being listed here.

Choices where the catalog is silent (also in the Flask track's p10 NOTES.md):
- "Documented" means the status itself (`404`) or its range (`4XX`) is listed: a `default`
  response documents nothing in particular, so it never counts for a status that was answered.
- Path parameters get a plausible value: 1 for integers and numbers, "x" for strings (the first
  value when the schema has an enum); unknown ids are 2**63-1 and a fresh token.
- A path whose operations document `101 Switching Protocols` is a WebSocket route and skipped.
- Requests that could touch another test's state are not sent: operations that document 429
  (a rate limit counts every request, so probing one would eat another test's quota).
- JSON-body operations document 400, 413 and 415 (every JSON route can answer them), and 422
  unless the body schema accepts any JSON value; all of them as application/problem+json.
- The document may be OpenAPI 3.0 or 3.1; 3.0 schemas are turned into JSON Schema 2020-12
  (`nullable`, boolean `exclusiveMinimum/Maximum`) before validating a real response.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

import httpx
import jsonschema
from openapi_spec_validator import validate as validate_openapi

from contracts.harness import (
    case,
    describe,
    expect_json,
    expect_problem,
    expect_status,
    json_body,
    media_type,
)
from contracts.harness.ids import MAX_ID

HTTP_METHODS = ("get", "put", "post", "delete", "patch", "head", "options", "trace")
# Methods every route answers on its own; the catalog leaves them out of "documented = served".
IMPLICIT_METHODS = {"HEAD", "OPTIONS"}
PROBLEM_TYPE = "application/problem+json"
PATH_PARAM = re.compile(r"\{([^{}]+)\}")
STATUS_KEY = re.compile(r"[1-5](?:[0-9]{2}|XX)")
# Failures listed in an assertion message; more than this are counted, not shown.
SHOWN = 6


# ---------------------------------------------------------------- reading the document


@dataclass
class Operation:
    """One documented (method, path) with the path-level parameters merged in."""

    method: str
    path: str
    spec: dict[str, Any]
    parameters: list[dict[str, Any]] = field(default_factory=list)

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def fetch_document(api: httpx.Client) -> dict[str, Any]:
    """GET /openapi.json: 200, a JSON object."""
    response = api.get("/openapi.json")
    document = expect_json(response, 200)
    assert isinstance(document, dict) and isinstance(document.get("paths"), dict), describe(
        response, "an OpenAPI document: a JSON object with `paths`"
    )
    return document


def resolve(document: dict[str, Any], node: Any) -> Any:
    """Follow local `$ref`s ("#/components/...") until a node that is not a reference."""
    seen = 0
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        assert ref.startswith("#/"), f"only local $refs are supported, got {ref!r}"
        node = document
        for part in ref[2:].split("/"):
            node = node[part.replace("~1", "/").replace("~0", "~")]
        seen += 1
        assert seen < 50, f"$ref cycle at {ref}"
    return node


def is_websocket(path_item: dict[str, Any]) -> bool:
    """A WebSocket route documents the upgrade (101) and is not an HTTP operation to check."""
    return any(
        "101" in (op.get("responses") or {})
        for method, op in path_item.items()
        if method in HTTP_METHODS and isinstance(op, dict)
    )


def operations(document: dict[str, Any]) -> Iterator[Operation]:
    """Every documented HTTP operation, WebSocket routes left out."""
    for path, item in document["paths"].items():
        item = resolve(document, item)
        if is_websocket(item):
            continue
        shared = [resolve(document, p) for p in item.get("parameters", [])]
        for method in HTTP_METHODS:
            spec = item.get(method)
            if not isinstance(spec, dict):
                continue
            own = [resolve(document, p) for p in spec.get("parameters", [])]
            names = {(p.get("in"), p.get("name")) for p in own}
            merged = own + [p for p in shared if (p.get("in"), p.get("name")) not in names]
            yield Operation(method.upper(), path, spec, merged)


def param_schema(document: dict[str, Any], param: dict[str, Any]) -> dict[str, Any]:
    schema = param.get("schema")
    if schema is None:  # `content` style parameter
        schema = next(iter((param.get("content") or {}).values()), {}).get("schema", {})
    return resolve(document, schema) or {}


def plausible(schema: dict[str, Any]) -> str:
    """A value a path parameter of this schema would plausibly take."""
    if schema.get("enum"):
        return str(schema["enum"][0])
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds or "number" in kinds:
        return "1"
    return "x"


def unknown(schema: dict[str, Any], token: str) -> str:
    """A value of this schema that names nothing (a fresh token, or the largest 64-bit id)."""
    kind = schema.get("type")
    kinds = kind if isinstance(kind, list) else [kind]
    if "integer" in kinds or "number" in kinds:
        return str(MAX_ID)
    return f"no-such-{token}"


def concrete_path(document: dict[str, Any], op: Operation, value=plausible) -> str:
    """The operation's path with every `{param}` filled in."""
    schemas = {
        p.get("name"): param_schema(document, p) for p in op.parameters if p.get("in") == "path"
    }
    return PATH_PARAM.sub(lambda m: value(schemas.get(m.group(1), {})), op.path)


def template_matches(template: str, path: str) -> bool:
    """Whether a concrete path fits a documented path template (`{x}` = one segment)."""
    parts = PATH_PARAM.split(template)
    # split() alternates literal text and parameter names; parameters become one segment.
    pattern = "".join(re.escape(part) if i % 2 == 0 else "[^/]+" for i, part in enumerate(parts))
    return re.fullmatch(pattern, path) is not None


def has_required_inputs(op: Operation) -> bool:
    """Query, header or cookie parameters (or a body) we could not fill in blindly."""
    required = [p for p in op.parameters if p.get("required") and p.get("in") != "path"]
    return bool(required) or bool((op.spec.get("requestBody") or {}).get("required"))


def statuses(op: Operation) -> set[str]:
    """The explicitly documented status keys of an operation (`default` left out)."""
    return {str(key) for key in (op.spec.get("responses") or {}) if str(key) != "default"}


def documented_response(
    document: dict[str, Any], op: Operation, status: int
) -> dict[str, Any] | None:
    """The response documented for this exact status or its range (`4XX`); never `default`."""
    responses = op.spec.get("responses") or {}
    for key in (str(status), f"{str(status)[0]}XX"):
        if key in responses:
            return resolve(document, responses[key])
    return None


def json_request_body(document: dict[str, Any], op: Operation) -> dict[str, Any] | None:
    """The JSON media type object of the operation's request body, if it takes JSON."""
    body = resolve(document, op.spec.get("requestBody"))
    if not isinstance(body, dict):
        return None
    for name, media in (body.get("content") or {}).items():
        kind = name.split(";")[0].strip().lower()
        if kind == "application/json" or kind.endswith("+json"):
            return media
    return None


def writes_state(op: Operation) -> bool:
    """Whether sending the request could disturb another test: a documented rate limit."""
    return "429" in statuses(op)


# ---------------------------------------------------------------- OpenAPI schema -> JSON Schema


# Keywords whose value is a schema, a list of schemas, or a map of names to schemas; every other
# keyword holds data (enum, default, example...) that must not be rewritten.
ONE_SCHEMA = ("items", "additionalProperties", "not", "if", "then", "else", "contains")
SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")


def to_json_schema(schema: Any, version: str) -> Any:
    """Turn an OpenAPI 3.0 schema into JSON Schema 2020-12 (3.1 schemas already are)."""
    if not isinstance(schema, dict) or not version.startswith("3.0"):
        return schema
    out = dict(schema)
    for key in ONE_SCHEMA:
        if isinstance(out.get(key), dict):
            out[key] = to_json_schema(out[key], version)
    for key in SCHEMA_LISTS:
        if isinstance(out.get(key), list):
            out[key] = [to_json_schema(item, version) for item in out[key]]
    for key in SCHEMA_MAPS:
        if isinstance(out.get(key), dict):
            out[key] = {name: to_json_schema(sub, version) for name, sub in out[key].items()}
    for bound in ("minimum", "maximum"):
        exclusive = f"exclusive{bound.capitalize()}"
        if out.get(exclusive) is True and bound in out:
            out[exclusive] = out.pop(bound)
        elif out.get(exclusive) is False:
            del out[exclusive]
    # 3.0-only annotations that JSON Schema 2020-12 does not know (or reads differently).
    for keyword in ("discriminator", "xml", "externalDocs", "example"):
        out.pop(keyword, None)
    if out.pop("nullable", False):
        kind = out.get("type")
        if isinstance(kind, str):
            out["type"] = [kind, "null"]
            if "enum" in out and None not in out["enum"]:
                out["enum"] = [*out["enum"], None]
        else:
            out = {"anyOf": [out, {"type": "null"}]}
    return out


def schema_errors(document: dict[str, Any], schema: dict[str, Any], instance: Any) -> list[str]:
    """Messages of every way `instance` breaks the documented `schema` ($refs resolved)."""
    version = str(document.get("openapi", "3.0"))
    schemas = document.get("components", {}).get("schemas", {})
    root = dict(to_json_schema(schema, version))
    # `#/components/schemas/X` references resolve inside this root document.
    root["components"] = {
        "schemas": {name: to_json_schema(sub, version) for name, sub in schemas.items()}
    }
    validator = jsonschema.Draft202012Validator(root)
    return [
        f"{'/'.join(map(str, error.absolute_path)) or '(body)'}: {error.message}"
        for error in validator.iter_errors(instance)
    ][:5]


def media_schema(content: dict[str, Any], kind: str) -> tuple[bool, dict[str, Any] | None]:
    """Whether `kind` is documented in `content`, and its schema (wildcards accepted)."""
    for name, media in content.items():
        documented = name.split(";")[0].strip().lower()
        if documented in (kind, "*/*", kind.split("/")[0] + "/*"):
            return True, (media or {}).get("schema")
    return False, None


def response_problems(
    document: dict[str, Any], op: Operation, response: httpx.Response
) -> list[str]:
    """What is wrong with a real response against the document (empty list: nothing)."""
    documented = documented_response(document, op, response.status_code)
    if documented is None:
        listed = sorted(statuses(op))
        return [f"status {response.status_code} is not documented (documented: {listed})"]
    content = documented.get("content") or {}
    if not content:
        if response.content:
            return [f"status {response.status_code} documents no body, but one was sent"]
        return []
    kind = media_type(response)
    known, schema = media_schema(content, kind)
    if not known:
        return [f"Content-Type {kind!r} is not documented (documented: {sorted(content)})"]
    if schema is None or not (kind == "application/json" or kind.endswith("+json")):
        return []
    return schema_errors(document, schema, json_body(response))


def report(failures: list[tuple[httpx.Response | None, str]], expected: str) -> str:
    """One assertion message for many failures: the first few in full, then a count."""
    lines = [f"{len(failures)} failure(s); expected {expected}"]
    for response, what in failures[:SHOWN]:
        lines.append(describe(response, what) if response is not None else f"\n- {what}")
    if len(failures) > SHOWN:
        lines.append(f"\n... and {len(failures) - SHOWN} more")
    return "\n".join(lines)


class _Assets(HTMLParser):
    """Collect the script and stylesheet URLs of an HTML page."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "script" and found.get("src"):
            self.urls.append(str(found["src"]))
        if tag == "link" and (found.get("rel") or "").lower() == "stylesheet" and found.get("href"):
            self.urls.append(str(found["href"]))


# ---------------------------------------------------------------- the cases


@case("p10.openapi-valid")
def test_openapi_document_is_valid_openapi_3(api):
    """GET /openapi.json → 200 JSON, a valid OpenAPI 3.x document (openapi-spec-validator)."""
    response = api.get("/openapi.json")
    document = expect_json(response, 200)
    assert isinstance(document, dict), describe(response, "a JSON object")
    assert str(document.get("openapi", "")).startswith("3."), describe(
        response, 'an "openapi": "3.x" member'
    )
    try:
        validate_openapi(document)
    except Exception as error:  # the validator's own exception types vary between releases
        raise AssertionError(
            describe(response, f"a valid OpenAPI document; the validator says: {error}")
        ) from None


@case("p10.docs-renders")
def test_docs_page_renders_the_document(api):
    """GET /docs → 200 text/html that loads /openapi.json; its same-origin scripts load too."""
    response = api.get("/docs")
    expect_status(response, 200)
    assert media_type(response) == "text/html", describe(response, "Content-Type text/html")
    page = response.text
    assert "openapi.json" in page, describe(response, "a page that points at /openapi.json")
    parser = _Assets()
    parser.feed(page)
    # CDN assets (FastAPI's default) are not fetched: the suite runs without the internet.
    local = [url for url in parser.urls if not re.match(r"[a-z][a-z0-9+.-]*:|//", url)]
    for url in local:
        asset = api.get(str(response.url.join(url)))
        expect_status(asset, 200)


@case("p10.every-concept-documented")
def test_every_served_concept_has_documented_paths(api):
    """Each concept GET /concepts lists has at least one documented path under /pNN/."""
    listed = expect_json(api.get("/concepts"), 200).get("concepts") or []
    response = api.get("/openapi.json")
    document = fetch_document(api)
    ids = [str(item.get("id")) for item in listed]
    assert "p10" in ids, describe(response, "p10 among the served concepts")
    missing = [
        cid for cid in ids if not any(path.startswith(f"/{cid}/") for path in document["paths"])
    ]
    assert not missing, describe(response, f"documented paths for every concept (none: {missing})")


@case("p10.documented-routes-served")
def test_documented_methods_equal_served_methods(api):
    """For each documented path, OPTIONS' Allow (minus HEAD/OPTIONS) == the documented methods.

    This catches a documented route that is not served (404, or a method missing from Allow)
    and a served method the document leaves out. Path parameters get a plausible value.
    """
    document = fetch_document(api)
    by_path: dict[str, list[Operation]] = {}
    for op in operations(document):
        by_path.setdefault(op.path, []).append(op)
    assert by_path, "the document has no operations at all"
    failures: list[tuple[httpx.Response | None, str]] = []
    for path, ops in by_path.items():
        documented = {op.method for op in ops} - IMPLICIT_METHODS
        response = api.options(concrete_path(document, ops[0]))
        allow = response.headers.get("allow")
        if response.status_code == 404 or allow is None:
            failures.append((response, f"{path} served, with an Allow header"))
            continue
        served = {m.strip().upper() for m in allow.split(",") if m.strip()} - IMPLICIT_METHODS
        if served != documented:
            failures.append(
                (
                    response,
                    f"{path}: Allow {sorted(served)} == documented {sorted(documented)} "
                    f"(undocumented: {sorted(served - documented)}, "
                    f"not served: {sorted(documented - served)})",
                )
            )
    assert not failures, report(failures, "documented methods == served methods")


@case("p10.operations-documented")
def test_every_operation_is_fully_documented(api):
    """Every operation: a summary, at least one explicitly documented status, a schema for every
    parameter, request body and response body.

    A success status is not demanded of every operation: some exist to answer errors (p08's
    /boom, /domain-error, /http-error/{code}). That a route's real success is documented is
    checked by p10.responses-match-schemas (and the fuzzer), on what it actually answers.
    """
    document = fetch_document(api)
    failures: list[tuple[httpx.Response | None, str]] = []
    ops = list(operations(document))
    assert ops, "the document has no operations at all"
    for op in ops:
        summary = op.spec.get("summary")
        if not (isinstance(summary, str) and summary.strip()):
            failures.append((None, f"{op.label}: a summary"))
        if not any(STATUS_KEY.fullmatch(key) for key in statuses(op)):
            failures.append((None, f"{op.label}: an explicitly documented status"))
        for param in op.parameters:
            if not param_schema(document, param) and "schema" not in param:
                failures.append((None, f"{op.label}: a schema for parameter {param.get('name')}"))
        body = resolve(document, op.spec.get("requestBody"))
        if body is not None:
            content = (body or {}).get("content") or {}
            if not content:
                failures.append((None, f"{op.label}: request body content"))
            for kind, media in content.items():
                if "schema" not in (media or {}):
                    failures.append((None, f"{op.label}: a schema for the {kind} request body"))
        for status, raw in (op.spec.get("responses") or {}).items():
            for kind, media in (resolve(document, raw).get("content") or {}).items():
                if "schema" not in (media or {}):
                    failures.append((None, f"{op.label}: a schema for {status} {kind}"))
    assert not failures, report(failures, "fully documented operations")


@case("p10.json-bodies-document-errors")
def test_json_body_operations_document_their_errors(api):
    """Operations taking JSON document 400, 413, 415 (and 422 unless the body schema accepts
    any JSON value) as application/problem+json."""
    document = fetch_document(api)
    failures: list[tuple[httpx.Response | None, str]] = []
    checked = 0
    for op in operations(document):
        media = json_request_body(document, op)
        if media is None:
            continue
        checked += 1
        wanted = ["400", "413", "415"]
        schema = resolve(document, media.get("schema")) or {}
        if {key for key in schema if not key.startswith("x-")} - {"description", "title"}:
            wanted.append("422")
        for status in wanted:
            documented = documented_response(document, op, int(status))
            if documented is None:
                failures.append((None, f"{op.label}: documents {status}"))
            elif PROBLEM_TYPE not in (documented.get("content") or {}):
                failures.append((None, f"{op.label}: {status} as {PROBLEM_TYPE}"))
    assert checked, "no operation takes a JSON body (p03 must)"
    assert not failures, report(failures, "documented JSON body errors")


@case("p10.responses-match-schemas")
def test_real_responses_match_their_documented_schemas(api):
    """Every GET needing no query/header input (path parameters set to a plausible value)
    answers a documented status and content type, with a body valid against its schema."""
    document = fetch_document(api)
    failures: list[tuple[httpx.Response | None, str]] = []
    successes = 0
    for op in operations(document):
        if op.method != "GET" or has_required_inputs(op) or writes_state(op):
            continue
        response = api.get(concrete_path(document, op))
        successes += 200 <= response.status_code < 300
        for problem in response_problems(document, op, response):
            failures.append((response, f"{op.label}: {problem}"))
    assert successes, "no GET operation answered 2xx; nothing was validated"
    assert not failures, report(failures, "responses that match the document")


@case("p10.error-responses-match-schemas")
def test_error_responses_match_the_problem_schema(api, unique):
    """Unknown ids on GETs with path parameters, and a malformed JSON body on operations that
    take JSON, answer documented statuses: problems as application/problem+json, valid against
    their documented schema."""
    document = fetch_document(api)
    token = unique()
    failures: list[tuple[httpx.Response | None, str]] = []
    problems = 0
    for op in operations(document):
        if writes_state(op):
            continue
        if op.method == "GET" and "{" in op.path and not has_required_inputs(op):
            path = concrete_path(document, op, lambda schema: unknown(schema, token))
            response = api.get(path)
        elif json_request_body(document, op) is not None:
            response = api.request(
                op.method,
                concrete_path(document, op),
                content=b'{"unterminated": ',
                headers={"Content-Type": "application/json"},
            )
        else:
            continue
        if response.status_code < 400:
            continue  # an id that exists after all, or a route that ignores its body
        problems += 1
        if media_type(response) != PROBLEM_TYPE:
            failures.append((response, f"{op.label}: Content-Type {PROBLEM_TYPE}"))
        for problem in response_problems(document, op, response):
            failures.append((response, f"{op.label}: {problem}"))
    assert problems, "no error response was produced; nothing was validated"
    assert not failures, report(failures, "error responses that match the document")


@case("p10.unknown-route-not-documented")
def test_a_route_the_server_404s_is_not_documented(api, unique):
    """A fresh path under /p10/ → 404 not-found problem, and no documented path matches it."""
    path = f"/p10/no-such-route-{unique()}"
    response = api.get(path)
    expect_problem(response, 404, "not-found")
    document = fetch_document(api)
    matching = [templ for templ in document["paths"] if template_matches(templ, path)]
    assert not matching, describe(response, f"{path} matched by no documented path ({matching})")

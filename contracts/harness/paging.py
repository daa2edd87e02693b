"""CATALOG §0 paging: `limit` (1-100, default 20) and `offset` are plain decimal digits.

One list of bad values, shared by every collection's contract, so each concept checks the
same rule the same way (`pytest.mark.parametrize(("params", "field"), BAD_PAGING)`).
"""

from __future__ import annotations

import pytest

BAD_PAGING = [
    pytest.param({"limit": "0"}, "limit", id="limit-zero"),
    pytest.param({"limit": "101"}, "limit", id="limit-101"),
    pytest.param({"limit": "-1"}, "limit", id="limit-negative"),
    pytest.param({"limit": "abc"}, "limit", id="limit-letters"),
    pytest.param({"limit": "1.5"}, "limit", id="limit-decimal"),
    pytest.param({"limit": "1e2"}, "limit", id="limit-exponent"),
    pytest.param({"limit": ""}, "limit", id="limit-empty"),
    pytest.param({"limit": " 5"}, "limit", id="limit-space"),
    pytest.param({"limit": "9" * 30}, "limit", id="limit-huge"),
    pytest.param({"offset": "-1"}, "offset", id="offset-negative"),
    pytest.param({"offset": "x"}, "offset", id="offset-letters"),
    pytest.param({"offset": "2.0"}, "offset", id="offset-decimal"),
    pytest.param({"offset": "1e3"}, "offset", id="offset-exponent"),
    pytest.param({"offset": str(2**63)}, "offset", id="offset-over-64-bits"),
    pytest.param({"offset": "9" * 30}, "offset", id="offset-huge"),
    pytest.param({"offset": "0 OR 1=1"}, "offset", id="offset-sql-looking"),
]

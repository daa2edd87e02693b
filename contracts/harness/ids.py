"""CATALOG §0 path ids: plain non-negative integers within 64 bits; anything else → 404.

One list of malformed ids, shared by every concept with an id in its URLs
(`pytest.mark.parametrize("raw", NON_INTEGER_IDS)`), so each checks the rule the same way.
"""

from __future__ import annotations

import pytest

# The largest id a path may carry: well formed, and (in practice) never created.
MAX_ID = 2**63 - 1

NON_INTEGER_IDS = [
    pytest.param("abc", id="letters"),
    pytest.param("1.5", id="decimal"),
    pytest.param("-1", id="negative"),
    pytest.param("+1", id="plus-sign"),
    pytest.param("1e3", id="exponent"),
    pytest.param("0x1", id="hex"),
    pytest.param("\u0661", id="arabic-indic-digit"),
    pytest.param("\uff11", id="fullwidth-digit"),
    pytest.param(str(2**63), id="two-to-the-63"),
    pytest.param("1" * 40, id="forty-digits"),
]

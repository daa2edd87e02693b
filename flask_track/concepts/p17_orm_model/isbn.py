"""ISBN parsing: ISBN-10 or ISBN-13, hyphens allowed, checksum verified, normalised to ISBN-13.

Normalising before the unique constraint sees the value is the point: "0-306-40615-2",
"0306406152" and "978-0-306-40615-7" are one book, so all three must collide (409).
"""

from __future__ import annotations

import re

# What the OpenAPI document states (and what fullmatch enforces here): 10 characters (the last
# may be X) or 13 digits, a single hyphen allowed between characters. A regex cannot check a
# checksum; the checksum is the rule only the server can apply.
ISBN_PATTERN = r"^(?:[0-9]-?){9}[0-9X]$|^(?:[0-9]-?){12}[0-9]$"
ISBN_MAX_LENGTH = 17  # 13 digits and 4 hyphens, as printed on a book
ISBN_SHAPE = re.compile(ISBN_PATTERN)


class InvalidIsbn(ValueError):
    """The text is not a valid ISBN-10 or ISBN-13."""


def isbn13_check_digit(first12: str) -> str:
    """The ISBN-13 (EAN-13) check digit: weights 1,3,1,3,... modulo 10."""
    total = sum(int(d) * (1 if i % 2 == 0 else 3) for i, d in enumerate(first12))
    return str((10 - total % 10) % 10)


def isbn10_is_valid(isbn10: str) -> bool:
    """ISBN-10 checksum: weights 10 down to 1, the sum a multiple of 11; X stands for 10."""
    total = 0
    for weight, char in zip(range(10, 0, -1), isbn10, strict=True):
        total += weight * (10 if char == "X" else int(char))
    return total % 11 == 0


def normalize_isbn(text: str) -> str:
    """Return the 13-digit form of a valid ISBN-10/13, or raise InvalidIsbn."""
    if len(text) > ISBN_MAX_LENGTH or not ISBN_SHAPE.fullmatch(text):
        raise InvalidIsbn("Not an ISBN: 10 or 13 digits (ISBN-10 may end in X), hyphens allowed.")
    compact = text.replace("-", "")
    if len(compact) == 10:
        if not isbn10_is_valid(compact):
            raise InvalidIsbn("The ISBN-10 check digit does not match.")
        # Every ISBN-10 is the ISBN-13 with prefix 978 and a recomputed check digit.
        body = "978" + compact[:9]
        return body + isbn13_check_digit(body)
    if compact[12] != isbn13_check_digit(compact[:12]):
        raise InvalidIsbn("The ISBN-13 check digit does not match.")
    return compact

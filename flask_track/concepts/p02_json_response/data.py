"""The fixed quotes p02 serves. Read-only: a tuple of frozen records, shared by every request."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Quote:
    id: int
    text: str
    author: str


# Several texts are not ASCII on purpose: the response must carry them as UTF-8 text.
QUOTES: tuple[Quote, ...] = (
    Quote(1, "Simple is better than complex.", "Tim Peters"),
    Quote(2, "Ce qui se conçoit bien s'énonce clairement.", "Nicolas Boileau"),
    Quote(3, "Premature optimization is the root of all evil.", "Donald Knuth"),
    Quote(4, "Was du ererbt von deinen Vätern hast, erwirb es, um es zu besitzen.", "Goethe"),
    Quote(5, "七転び八起き — fall seven times, stand up eight.", "Japanese proverb"),
    Quote(6, "Talk is cheap. Show me the code.", "Linus Torvalds"),
    Quote(7, "Errors should never pass silently.", "Tim Peters"),
)

QUOTES_BY_ID: dict[int, Quote] = {quote.id: quote for quote in QUOTES}

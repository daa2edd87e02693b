"""p19 models: a Post has many Comments; deleting a post deletes its comments."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from flask_track.core.types import BigIntId, UTCDateTime, utcnow
from flask_track.extensions import db

TITLE_MAX = 200
POST_BODY_MAX = 10_000
AUTHOR_MAX = 100
COMMENT_BODY_MAX = 2_000


class Post(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A blog post; `comments` is the one-to-many side."""

    __tablename__ = "p19_posts"
    __table_args__ = (
        Index("ix_p19_posts_created_at_id", "created_at", "id"),
        # Without AUTOINCREMENT, SQLite gives the id of a deleted newest row to the next
        # insert: GET /p19/posts/{deleted id} would answer 200 with somebody else's post.
        # PostgreSQL sequences never go back. Same for comments.
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_MAX))
    body: Mapped[str] = mapped_column(String(POST_BODY_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    # cascade="all, delete-orphan": the ORM deletes comments it has loaded with the post, and a
    # comment removed from post.comments is deleted. passive_deletes=True: comments it has NOT
    # loaded are left to the database's ON DELETE CASCADE, instead of SELECTing them all first
    # just to delete them one by one. Both layers agree, so neither can leave orphans.
    comments: Mapped[list[Comment]] = relationship(
        back_populates="post",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Comment.id",
    )

    def __repr__(self) -> str:
        return f"<Post {self.id} {self.title!r}>"


class Comment(db.Model):  # type: ignore[name-defined]  # Flask-SQLAlchemy's db.Model
    """A comment on exactly one post."""

    __tablename__ = "p19_comments"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True)
    # PostgreSQL does not index foreign keys by itself; the comment counts, the selectin load
    # and the cascade all look comments up by post_id.
    post_id: Mapped[int] = mapped_column(
        BigIntId,
        ForeignKey("p19_posts.id", ondelete="CASCADE", name="fk_p19_comments_post_id"),
        index=True,
    )
    author: Mapped[str] = mapped_column(String(AUTHOR_MAX))
    body: Mapped[str] = mapped_column(String(COMMENT_BODY_MAX))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)

    post: Mapped[Post] = relationship(back_populates="comments")

    def __repr__(self) -> str:
        return f"<Comment {self.id} on post {self.post_id}>"

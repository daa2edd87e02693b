"""`flask ladder ...`: find your way around the concepts from the terminal."""

from __future__ import annotations

import click
from flask import current_app
from flask.cli import with_appcontext

from flask_track.core.ladder import served_concepts


@click.group("ladder")
def ladder_cli() -> None:
    """Browse the concepts of the ladder."""


@ladder_cli.command("list")
@with_appcontext
def list_concepts() -> None:
    """List the concepts: id, level, title and URL prefix."""
    for concept in served_concepts(current_app):
        click.echo(f"{concept.id}  L{concept.level}  {concept.title:<28} {concept.url_prefix}")


@ladder_cli.command("show")
@click.argument("concept_id")
@with_appcontext
def show(concept_id: str) -> None:
    """Print a concept's notes and the files to read."""
    wanted = concept_id.lower()
    for concept in served_concepts(current_app):
        if wanted in (concept.id, concept.slug):
            break
    else:
        raise click.ClickException(f"no concept {concept_id!r}; try `flask ladder list`")
    folder = concept.folder
    click.echo(f"{concept.id} {concept.title} (level {concept.level}) — {folder}\n")
    click.echo("Files:")
    for path in sorted(folder.glob("*.py")):
        click.echo(f"  {path}")
    notes = folder / "NOTES.md"
    click.echo("")
    click.echo(notes.read_text(encoding="utf-8") if notes.is_file() else "(no NOTES.md yet)")

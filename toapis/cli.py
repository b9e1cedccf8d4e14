"""``toapis``: generate images and read tasks from the command line.

    toapis image "A castle under the starry sky" --size 3:2 -n 2 --image ref.png --out ./images
    toapis image "A lighthouse at dawn" --model gpt-image-2 --size 16:9 --resolution 2k
    toapis status TASK_ID [--json]

The API key comes from ``--token`` or the ``TOAPIS_API_KEY`` environment variable (prefer the
variable: command lines are visible to other users of the machine). ``--base-url`` points the
command at another server, such as the local mock (``toapis-mock``).

Exit codes: 0 success; 1 the task failed or timed out, or the service answered with an error or
could not be reached; 2 usage error (bad option, missing API key, unreadable local image);
130 interrupted.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
)

import toapis_spec
from toapis._engine import TOKEN_ENV
from toapis.client import Client
from toapis.errors import (
    APIConnectionError,
    APIStatusError,
    ConfigurationError,
    MalformedResponseError,
    TaskFailedError,
    TaskTimeoutError,
)
from toapis.policies import PollPolicy
from toapis.tasks import GenerationTask

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_INTERRUPTED = 130


@cache
def _model_properties() -> dict[str, dict[str, Any]]:
    """The request properties of each model, read from the contract (choices and defaults)."""
    return {
        model: dict(member.get("properties", {}))
        for model, member in toapis_spec.request_members().items()
    }


def _gpt4o_properties() -> dict[str, Any]:
    """The request properties of gpt-4o-image (the default model)."""
    return _model_properties()["gpt-4o-image"]


def _choices(name: str) -> list[Any]:
    """Every value any model allows for ``name``, in contract order."""
    found: dict[Any, None] = {}
    for props in _model_properties().values():
        found.update(dict.fromkeys(props.get(name, {}).get("enum", ())))
    return list(found)


def build_parser() -> argparse.ArgumentParser:
    props = _gpt4o_properties()
    sizes = [str(s) for s in _choices("size")]
    counts = [int(n) for n in _choices("n")]

    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--base-url", help="API server (default: the production server of the contract)"
    )
    common.add_argument(
        "--token", help="API key (default: the TOAPIS_API_KEY environment variable)"
    )
    common.add_argument(
        "--request-timeout",
        type=_positive,
        default=30.0,
        metavar="SECONDS",
        help="timeout of each HTTP request (default: 30)",
    )

    parser = argparse.ArgumentParser(
        prog="toapis",
        description="Generate images with the ToAPIs image API (gpt-4o-image, gpt-image-2, "
        "gpt-image-2-vip) and read tasks.",
        epilog="Exit codes: 0 success; 1 task failed or timed out, or an API or connection "
        "error; 2 usage error (bad option, no API key, unreadable image).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    image = commands.add_parser(
        "image",
        parents=[common],
        help="generate images and save them",
        description="Upload local references, create a task, wait for it and save its images.",
    )
    image.add_argument(
        "prompt", help=f"what to generate (at most {props['prompt']['maxLength']} characters)"
    )
    image.add_argument(
        "--model",
        choices=list(_model_properties()),
        default="gpt-4o-image",
        help="the model (default: gpt-4o-image)",
    )
    image.add_argument(
        "--size",
        choices=sizes,
        default=None,
        metavar="RATIO",
        help=f"aspect ratio, one the model allows (default: the model's, {props['size']['default']}"
        " for all of them)",
    )
    image.add_argument(
        "-n",
        type=int,
        choices=counts,
        default=None,
        help=f"number of images, one the model allows (default: {props['n']['default']})",
    )
    image.add_argument(
        "--resolution",
        choices=[str(r) for r in _choices("resolution")],
        default=None,
        help="gpt-image-2 family: resolution tier (default: the model's, 1k)",
    )
    image.add_argument(
        "--quality",
        choices=[str(q) for q in _choices("quality")],
        default=None,
        help="gpt-image-2-vip: rendering quality (default: the model's, medium)",
    )
    image.add_argument(
        "--image",
        action="append",
        default=[],
        metavar="PATH_OR_URL",
        help="reference image: a local file (uploaded first) or an http(s) URL; repeatable",
    )
    image.add_argument("--mask", metavar="PATH_OR_URL", help="editing mask (PNG), file or URL")
    image.add_argument(
        "--out",
        type=Path,
        default=Path("."),
        metavar="DIR",
        help="directory for the images (default: the current directory)",
    )
    image.add_argument(
        "--timeout",
        type=_positive,
        default=PollPolicy.timeout,
        metavar="SECONDS",
        help=f"give up waiting after this long (default: {PollPolicy.timeout:g})",
    )
    image.add_argument(
        "--initial-delay",
        type=_non_negative,
        default=PollPolicy.initial_delay,
        metavar="SECONDS",
        help=f"wait before the first status query (default: {PollPolicy.initial_delay:g})",
    )
    image.add_argument(
        "--poll-interval",
        type=_non_negative,
        default=PollPolicy.interval_min,
        metavar="SECONDS",
        help="poll every SECONDS to 2xSECONDS, with jitter "
        f"(default: {PollPolicy.interval_min:g}, as the docs advise)",
    )
    image.add_argument("--json", action="store_true", help="print the task and files as JSON")
    image.add_argument(
        "--quiet",
        "-q",
        action="store_true",
        help="for scripts: print only the saved paths, one a line (or the --json document); "
        "nothing on stderr but errors",
    )

    status = commands.add_parser(
        "status", parents=[common], help="print a task", description="Print the state of a task."
    )
    status.add_argument("task_id", help="the id returned when the task was created")
    status.add_argument("--json", action="store_true", help="print the task exactly as received")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    err = Console(stderr=True, highlight=False)
    try:
        if args.command == "image":
            return _image(args, err)
        return _status(args)
    except ConfigurationError as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        return EXIT_USAGE
    except TaskTimeoutError as exc:
        err.print(
            f"[bold red]timeout:[/] {escape(str(exc))}\n"
            f"Check later with: toapis status {escape(exc.task_id)}"
        )
        return EXIT_FAILED
    except TaskFailedError as exc:
        err.print(f"[bold red]task failed:[/] {escape(str(exc))}")
        return EXIT_FAILED
    except (APIStatusError, APIConnectionError, MalformedResponseError) as exc:
        err.print(f"[bold red]error:[/] {escape(str(exc))}")
        return EXIT_FAILED
    except KeyboardInterrupt:
        err.print("interrupted")
        return EXIT_INTERRUPTED


def _client(args: argparse.Namespace, poll: PollPolicy | None = None) -> Client:
    if not args.token and not os.environ.get(TOKEN_ENV, "").strip():
        raise ConfigurationError(
            f"no API key: pass --token or set the {TOKEN_ENV} environment variable"
        )
    return Client(args.token, base_url=args.base_url, timeout=args.request_timeout, poll=poll)


def _image(args: argparse.Namespace, err: Console) -> int:
    references: list[str] = list(args.image)
    mask: str | None = args.mask
    props = _model_properties()[args.model]
    # What the model's schema allows, checked before anything is sent (usage errors, exit 2).
    for option, name, value in (
        ("--size", "size", args.size),
        ("-n", "n", args.n),
        ("--resolution", "resolution", args.resolution),
        ("--quality", "quality", args.quality),
        ("--mask", "mask_url", mask),
    ):
        if value is None:
            continue
        if name not in props:
            raise ConfigurationError(f"{option} is not an option of {args.model}")
        allowed = props[name].get("enum")
        if allowed is not None and value not in allowed:
            shown = ", ".join(str(v) for v in allowed)
            raise ConfigurationError(f"{option} {value}: {args.model} allows {shown}")
    size = args.size if args.size is not None else props["size"]["default"]
    n = args.n if args.n is not None else props["n"]["default"]
    # The gpt-image-2 family names its references `reference_images` (`image_urls` an alias).
    field = "reference_images" if "reference_images" in props else "image_urls"
    # Check every local file before anything is sent: bad input must change nothing.
    for ref in [*references, *([mask] if mask else [])]:
        if not _is_url(ref) and not Path(ref).is_file():
            raise ConfigurationError(f"reference image {ref!r} is not a file or an http(s) URL")
    poll = PollPolicy(
        initial_delay=args.initial_delay,
        interval_min=args.poll_interval,
        interval_max=2 * args.poll_interval,
        interval_cap=max(PollPolicy.interval_cap, 2 * args.poll_interval),
        timeout=args.timeout,
    )
    with _client(args, poll) as client:
        image_urls = [ref if _is_url(ref) else client.upload(ref) for ref in references]
        mask_url = None if mask is None else mask if _is_url(mask) else client.upload(mask)
        task = client.generate(
            args.prompt,
            model=args.model,
            size=size,
            n=n,
            mask_url=mask_url,
            resolution=args.resolution,
            quality=args.quality,
            image_urls=(image_urls or None) if field == "image_urls" else None,
            reference_images=(image_urls or None) if field == "reference_images" else None,
        )
        if not args.quiet:
            err.print(f"task {escape(task.id)} {escape(task.status)}")
        done = _wait_with_progress(client, task, err, quiet=args.quiet)
        paths = client.download(done, args.out)
    if args.json:
        print(json.dumps({"task": dict(done.raw), "files": [str(p) for p in paths]}, indent=2))
    else:
        for path in paths:
            print(path)
    return EXIT_OK


def _wait_with_progress(
    client: Client, task: GenerationTask, err: Console, *, quiet: bool
) -> GenerationTask:
    if quiet:
        return client.wait(task)
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=err, transient=False) as progress:
        bar = progress.add_task(task.status, total=100, completed=task.progress)

        def show(state: GenerationTask) -> None:
            progress.update(bar, completed=state.progress, description=state.status)

        return client.wait(task, on_update=show)


def _status(args: argparse.Namespace) -> int:
    with _client(args) as client:
        task = client.get_task(args.task_id)
    if args.json:
        print(json.dumps(dict(task.raw), indent=2))
        return EXIT_OK
    print(f"id:       {task.id}")
    print(f"status:   {task.status}")
    print(f"progress: {task.progress}%")
    for url in task.image_urls:
        print(f"image:    {url}")
    if task.error is not None:
        print(f"error:    {task.error.code}: {task.error.message}")
    return EXIT_OK


def _is_url(value: str) -> bool:
    return value.lower().startswith(("http://", "https://"))


def _positive(text: str) -> float:
    value = _non_negative(text)
    if value == 0:
        raise argparse.ArgumentTypeError("must be greater than 0")
    return value


def _non_negative(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError("must be a finite number >= 0")
    return value


if __name__ == "__main__":
    sys.exit(main())

"""``toapis``: generate images and read tasks from the command line.

    toapis image "A castle under the starry sky" --size 3:2 -n 2 --reference ref.png --out ./images
    toapis image "A lighthouse at dawn" --model gpt-image-2 --size 16:9 --resolution 2k
    toapis image "A harbour at night" --model doubao-seedream-4-0 --resolution 4K \
        --field metadata.watermark=false
    toapis models [--json]
    toapis status TASK_ID [--json]

The options a model takes, and the values it allows, come from its request schema in the
contract (``toapis models`` lists them); the assembled request is checked against that schema
before anything is sent or uploaded.

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
from collections.abc import Mapping, Sequence
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
from toapis import _engine as engine
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

# The request fields the dedicated options fill (the rest: --field KEY=VALUE). Which of them a
# model takes, and the values it allows, are read from its schema in the contract.
MASK_FIELD = "mask_url"
# Where a model has both, `reference_images` is the field and
# `image_urls` its alias.
PREFERRED_REFERENCE_FIELD = "reference_images"
# A local reference stands in the body as such a URL while the body is checked, before anything
# is uploaded (the `.invalid` top-level domain never resolves).
PLACEHOLDER_URL = "https://upload.invalid/"


def _models() -> dict[str, toapis_spec.Model]:
    return toapis_spec.models()


def _is_array(schema: Any) -> bool:
    if not isinstance(schema, dict):
        return False
    return schema.get("type") == "array" or any(_is_array(p) for p in schema.get("allOf", ()))


def reference_field(info: toapis_spec.Model) -> str | None:
    """The request field of ``info`` that holds reference images, or ``None``."""
    arrays = [name for name, prop in info.properties.items() if _is_array(prop)]
    if PREFERRED_REFERENCE_FIELD in arrays:
        return PREFERRED_REFERENCE_FIELD
    return arrays[0] if arrays else None


def _values(schema: Mapping[str, Any] | None) -> str:
    """The values a field allows, in words (``1, 2, 4``, ``1-15``), or ``""``."""
    if not schema:
        return ""
    if "enum" in schema:
        return ", ".join(str(v) for v in schema["enum"])
    if "const" in schema:
        return str(schema["const"])
    if "minimum" in schema and "maximum" in schema:
        return f"{schema['minimum']}-{schema['maximum']}"
    return ""


def model_lines() -> list[str]:
    """The models of the contract by family: sizes, resolution tiers (and where they go), n."""
    by_family: dict[str, list[toapis_spec.Model]] = {}
    first = next(iter(_models().values()))
    for info in _models().values():
        by_family.setdefault(info.family, []).append(info)
    lines: list[str] = []
    for family, members in by_family.items():
        lines.append(family)
        for info in members:
            head = f"  {info.name}" + (f" (alias of {info.alias_of})" if info.alias_of else "")
            parts = [f"sizes {_values(info.field('size'))}" if info.field("size") else "no size"]
            if info.resolution_field:
                tiers = _values(info.field(info.resolution_field))
                parts.append(f"--resolution {tiers} ({info.resolution_field})")
            if info.field("n"):
                parts.append(f"-n {_values(info.field('n'))}")
            if info.path != first.path:
                parts.append(f"POST {info.path}")
            lines.append(f"{head}: {'; '.join(parts)}")
    return lines


def build_parser() -> argparse.ArgumentParser:
    default = next(iter(_models().values()))

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
        description=f"Generate images with the ToAPIs image API ({len(_models())} models; "
        "`toapis models` lists them) and read tasks.",
        epilog="Exit codes: 0 success; 1 task failed or timed out, or an API or connection "
        "error; 2 usage error (bad option, no API key, unreadable image).",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    image = commands.add_parser(
        "image",
        parents=[common],
        help="generate images and save them",
        description="Upload local references, create a task, wait for it and save its images.\n"
        "The options a model takes, and their values, come from its schema in the contract;\n"
        "the request is checked against it before anything is sent or uploaded.",
        epilog="models (by family):\n" + "\n".join(model_lines()),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    image.add_argument("prompt", help="what to generate")
    image.add_argument(
        "--model",
        choices=list(_models()),
        default=default.name,
        metavar="MODEL",
        help=f"the model (default: {default.name}; `toapis models` lists them)",
    )
    image.add_argument(
        "--size", metavar="RATIO", help="aspect ratio, one the model allows (default: its own)"
    )
    image.add_argument(
        "-n", "--n", type=int, default=None, help="number of images (default: the model's)"
    )
    image.add_argument(
        "--resolution",
        metavar="TIER",
        help="resolution tier, sent where the model takes it (`resolution` or "
        "`metadata.resolution`; default: the model's)",
    )
    image.add_argument("--quality", help="rendering quality, for the models that have it")
    image.add_argument(
        "--reference",
        "--image",
        dest="references",
        action="append",
        default=[],
        metavar="URL_OR_FILE",
        help="reference image: an http(s) URL or a local file (uploaded first); repeatable. "
        "Goes into the model's reference field (image_urls or reference_images)",
    )
    image.add_argument("--mask", metavar="URL_OR_FILE", help="editing mask (PNG), file or URL")
    image.add_argument(
        "--field",
        dest="fields",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="any other request field; dotted keys fill nested objects "
        "(metadata.watermark=false), values are read as JSON when they parse (42, true, "
        '["a"]), else as text; repeatable',
    )
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

    models = commands.add_parser(
        "models",
        help="list the models by family",
        description="List every model of the contract by family, with its sizes, resolution "
        "tiers and image counts.",
    )
    models.add_argument("--json", action="store_true", help="print each model's request schema")

    status = commands.add_parser(
        "status", parents=[common], help="print a task", description="Print the state of a task."
    )
    status.add_argument("task_id", help="the id returned when the task was created")
    status.add_argument("--json", action="store_true", help="print the task exactly as received")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    # soft_wrap: a message naming a path or URL stays on one line, copyable as it is.
    err = Console(stderr=True, highlight=False, soft_wrap=True)
    try:
        if args.command == "image":
            return _image(args, err)
        if args.command == "models":
            return _list_models(args)
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


def parse_field(text: str) -> tuple[str, Any]:
    """``KEY=VALUE`` of ``--field``: the value as JSON when it parses, else as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip() or any(not part for part in key.strip().split(".")):
        raise ConfigurationError(f"--field {text!r}: expected KEY=VALUE (KEY may be dotted)")
    try:
        value: Any = json.loads(raw)
    except ValueError:
        value = raw
    return key.strip(), value


def _option_fields(args: argparse.Namespace, info: toapis_spec.Model) -> dict[str, str]:
    """The request field each dedicated option given fills, by option; an option the model
    does not take is a usage error."""
    targets = {
        "--size": "size" if info.field("size") else None,
        "-n": "n" if info.field("n") else None,
        "--resolution": info.resolution_field,
        "--quality": "quality" if info.field("quality") else None,
        "--reference": reference_field(info),
        "--mask": MASK_FIELD if info.field(MASK_FIELD) else None,
    }
    given = {
        "--size": args.size,
        "-n": args.n,
        "--resolution": args.resolution,
        "--quality": args.quality,
        "--reference": args.references or None,
        "--mask": args.mask,
    }
    found: dict[str, str] = {}
    for option, value in given.items():
        if value is None:
            continue
        target = targets[option]
        if target is None:
            raise ConfigurationError(f"{option} is not an option of {info.name}")
        found[option] = target
    return found


def build_body(
    args: argparse.Namespace, info: toapis_spec.Model, urls: Mapping[str, str]
) -> dict[str, Any]:
    """The request body the options ask for, checked against the model's schema (usage errors
    name the option or field). ``urls`` maps each local file to its URL."""
    targets = _option_fields(args, info)
    values: dict[str, Any] = {
        "--size": args.size,
        "-n": args.n,
        "--resolution": args.resolution,
        "--quality": args.quality,
        "--reference": [urls.get(ref, ref) for ref in args.references],
        "--mask": urls.get(args.mask, args.mask) if args.mask else None,
    }
    fields: dict[str, Any] = {}
    for option, target in targets.items():
        fields[target] = values[option]
    labels = {target: option for option, target in targets.items()}
    for text in args.fields:
        key, value = parse_field(text)
        if key in fields:
            raise ConfigurationError(f"--field {key}: already given by {labels.get(key, key)}")
        fields[key] = value
        labels[key] = f"--field {key}"
    # `resolution` is already at the model's place: pass it by its dotted path.
    body = engine.request_body(info.name, args.prompt, fields)
    problem = engine.validation_problem(info.name, body)
    if problem is not None:
        # The option or --field that gave the field (or the array holding the item).
        owner = next((k for k in labels if problem.field in (k, *_prefixes(problem.field))), None)
        label = labels[owner] if owner else problem.field
        shown = toapis_spec.body_value(body, problem.field)
        if owner == problem.field and shown is not None and not isinstance(shown, (list, dict)):
            label = f"{label} {shown}"
        if problem.allowed is not None:
            allowed = ", ".join(str(v) for v in problem.allowed)
            raise ConfigurationError(f"{label}: {info.name} allows {allowed}")
        raise ConfigurationError(f"{label}: {problem.message} ({info.name})")
    return body


def _image(args: argparse.Namespace, err: Console) -> int:
    info = _models()[args.model]
    local = [ref for ref in [*args.references, args.mask] if ref and not _is_url(ref)]
    # Check every local file before anything is sent: bad input must change nothing.
    for ref in local:
        if not Path(ref).is_file():
            raise ConfigurationError(f"reference image {ref!r} is not a file or an http(s) URL")
    # The whole body is checked before any upload, local files standing in as placeholders.
    build_body(args, info, {ref: f"{PLACEHOLDER_URL}{i}.png" for i, ref in enumerate(local)})
    poll = PollPolicy(
        initial_delay=args.initial_delay,
        interval_min=args.poll_interval,
        interval_max=2 * args.poll_interval,
        interval_cap=max(PollPolicy.interval_cap, 2 * args.poll_interval),
        timeout=args.timeout,
    )
    with _client(args, poll) as client:
        urls = {ref: client.upload(ref) for ref in dict.fromkeys(local)}
        body = build_body(args, info, urls)
        fields = {k: v for k, v in body.items() if k not in {"model", "prompt"}}
        task = client.generate(args.prompt, model=info.name, **fields)
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


def _list_models(args: argparse.Namespace) -> int:
    if args.json:
        described = {
            name: {
                "family": info.family,
                "alias_of": info.alias_of,
                "operation_id": info.operation_id,
                "path": info.path,
                "reference_field": reference_field(info),
                "resolution_field": info.resolution_field,
                "schema": info.schema,
            }
            for name, info in _models().items()
        }
        print(json.dumps(described, indent=2))
        return EXIT_OK
    print("\n".join(model_lines()))
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


def _prefixes(dotted: str) -> list[str]:
    parts = dotted.split(".")
    return [".".join(parts[:i]) for i in range(len(parts) - 1, 0, -1)]


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

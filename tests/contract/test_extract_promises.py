"""scripts/extract_promises: what counts as a statement of a vendor page, and its context."""

from __future__ import annotations

import importlib.machinery
import importlib.util
from pathlib import Path
from types import ModuleType

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "extract_promises"

PAGE = """---
title: "Some model"
description: "Generate images with **some** model"
---

- Async task management, see the [status page](../../tasks/image-status)

<ParamField body="n" type="integer" default={1}>
  Number of images to generate

  Example: `2`

  ```
  n: 2
  ```
</ParamField>

<ResponseField name="result" type="object">
  Task result
  <ResponseField name="url" type="string">
    Generated image URL
  </ResponseField>
</ResponseField>

## Sizes

| Ratio | Pixels |
|-------|--------|
| 1:1 | 1024x1024 |

<RequestExample>
```bash cURL
curl --request POST --data '{"n": 3}'
```
</RequestExample>
"""


def _script() -> ModuleType:
    loader = importlib.machinery.SourceFileLoader("extract_promises", str(SCRIPT))
    spec = importlib.util.spec_from_loader("extract_promises", loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    loader.exec_module(module)
    return module


def test_statements_are_prose_list_items_and_table_rows_with_their_field() -> None:
    found = [(s["context"], s["text"]) for s in _script().statements("images/x.mdx", PAGE)]
    assert found == [
        ("page", "Generate images with some model"),
        ("page", "Async task management, see the status page"),
        ("body.n", "Number of images to generate"),
        ("response.result", "Task result"),
        ("response.result.url", "Generated image URL"),
        ("Sizes", "Ratio | Pixels"),
        ("Sizes", "1:1 | 1024x1024"),
    ]


def test_it_writes_the_fixture_and_refuses_a_copy_without_the_pages(tmp_path: Path) -> None:
    script = _script()
    (tmp_path / script.REFERENCE / "images" / "x").mkdir(parents=True)
    (tmp_path / script.REFERENCE / "images" / "x" / "generation.mdx").write_text(PAGE, "utf-8")
    out = tmp_path / "statements.json"
    assert script.main(["--docs", str(tmp_path), "--commit", "abc", "--output", str(out)]) == 0
    assert '"commit": "abc"' in out.read_text(encoding="utf-8")
    assert script.main(["--docs", str(tmp_path / "nowhere"), "--commit", "abc"]) == 2

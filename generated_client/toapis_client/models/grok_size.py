from typing import Literal

GrokSize = Literal["16:9", "1:1", "2:3", "3:2", "9:16"]

GROK_SIZE_VALUES: set[GrokSize] = {
    "16:9",
    "1:1",
    "2:3",
    "3:2",
    "9:16",
}


def check_grok_size(value: str) -> GrokSize:
    if value in GROK_SIZE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GROK_SIZE_VALUES!r}")

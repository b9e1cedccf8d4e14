from typing import Literal

SeedreamSize = Literal["16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:3", "9:16", "9:21"]

SEEDREAM_SIZE_VALUES: set[SeedreamSize] = {
    "16:9",
    "1:1",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
    "9:21",
}


def check_seedream_size(value: str) -> SeedreamSize:
    if value in SEEDREAM_SIZE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {SEEDREAM_SIZE_VALUES!r}")

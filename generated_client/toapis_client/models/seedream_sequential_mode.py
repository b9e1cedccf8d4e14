from typing import Literal

SeedreamSequentialMode = Literal["auto", "disabled"]

SEEDREAM_SEQUENTIAL_MODE_VALUES: set[SeedreamSequentialMode] = {
    "auto",
    "disabled",
}


def check_seedream_sequential_mode(value: str) -> SeedreamSequentialMode:
    if value in SEEDREAM_SEQUENTIAL_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_SEQUENTIAL_MODE_VALUES!r}"
    )

from typing import Literal

Seedream40GenerationRequestSize = Literal[
    "16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:3", "9:16", "9:21", "auto"
]

SEEDREAM_40_GENERATION_REQUEST_SIZE_VALUES: set[Seedream40GenerationRequestSize] = {
    "16:9",
    "1:1",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
    "9:21",
    "auto",
}


def check_seedream_40_generation_request_size(value: str) -> Seedream40GenerationRequestSize:
    if value in SEEDREAM_40_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_40_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

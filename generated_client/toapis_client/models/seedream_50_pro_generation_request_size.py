from typing import Literal

Seedream50ProGenerationRequestSize = Literal[
    "16:9", "1:1", "1K", "21:9", "2:3", "2K", "3:2", "3:4", "4:3", "9:16", "9:21"
]

SEEDREAM_50_PRO_GENERATION_REQUEST_SIZE_VALUES: set[Seedream50ProGenerationRequestSize] = {
    "16:9",
    "1:1",
    "1K",
    "21:9",
    "2:3",
    "2K",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
    "9:21",
}


def check_seedream_50_pro_generation_request_size(value: str) -> Seedream50ProGenerationRequestSize:
    if value in SEEDREAM_50_PRO_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_50_PRO_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

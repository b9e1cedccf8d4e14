from typing import Literal

Flux2GenerationRequestSize = Literal["16:9", "1:1", "2:3", "3:2", "3:4", "4:3", "9:16"]

FLUX_2_GENERATION_REQUEST_SIZE_VALUES: set[Flux2GenerationRequestSize] = {
    "16:9",
    "1:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
}


def check_flux_2_generation_request_size(value: str) -> Flux2GenerationRequestSize:
    if value in FLUX_2_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_2_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

from typing import Literal

FluxKontextGenerationRequestSize = Literal[
    "16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:3", "9:16", "9:21", "match_input_image"
]

FLUX_KONTEXT_GENERATION_REQUEST_SIZE_VALUES: set[FluxKontextGenerationRequestSize] = {
    "16:9",
    "1:1",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
    "9:21",
    "match_input_image",
}


def check_flux_kontext_generation_request_size(value: str) -> FluxKontextGenerationRequestSize:
    if value in FLUX_KONTEXT_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_KONTEXT_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

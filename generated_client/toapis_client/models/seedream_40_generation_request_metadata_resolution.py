from typing import Literal

Seedream40GenerationRequestMetadataResolution = Literal["1K", "2K", "4K"]

SEEDREAM_40_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Seedream40GenerationRequestMetadataResolution
] = {
    "1K",
    "2K",
    "4K",
}


def check_seedream_40_generation_request_metadata_resolution(
    value: str,
) -> Seedream40GenerationRequestMetadataResolution:
    if value in SEEDREAM_40_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_40_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

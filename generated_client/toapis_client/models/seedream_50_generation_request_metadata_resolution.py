from typing import Literal

Seedream50GenerationRequestMetadataResolution = Literal["2K", "3K"]

SEEDREAM_50_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Seedream50GenerationRequestMetadataResolution
] = {
    "2K",
    "3K",
}


def check_seedream_50_generation_request_metadata_resolution(
    value: str,
) -> Seedream50GenerationRequestMetadataResolution:
    if value in SEEDREAM_50_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_50_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

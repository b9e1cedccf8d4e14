from typing import Literal

Seedream45GenerationRequestMetadataResolution = Literal["2K", "4K"]

SEEDREAM_45_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Seedream45GenerationRequestMetadataResolution
] = {
    "2K",
    "4K",
}


def check_seedream_45_generation_request_metadata_resolution(
    value: str,
) -> Seedream45GenerationRequestMetadataResolution:
    if value in SEEDREAM_45_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_45_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

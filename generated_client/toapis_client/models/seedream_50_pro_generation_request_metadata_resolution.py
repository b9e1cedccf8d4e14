from typing import Literal

Seedream50ProGenerationRequestMetadataResolution = Literal["1K", "2K"]

SEEDREAM_50_PRO_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Seedream50ProGenerationRequestMetadataResolution
] = {
    "1K",
    "2K",
}


def check_seedream_50_pro_generation_request_metadata_resolution(
    value: str,
) -> Seedream50ProGenerationRequestMetadataResolution:
    if value in SEEDREAM_50_PRO_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_50_PRO_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

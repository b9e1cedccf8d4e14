from typing import Literal

Flux2GenerationRequestMetadataResolution = Literal["1K", "2K"]

FLUX_2_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Flux2GenerationRequestMetadataResolution
] = {
    "1K",
    "2K",
}


def check_flux_2_generation_request_metadata_resolution(
    value: str,
) -> Flux2GenerationRequestMetadataResolution:
    if value in FLUX_2_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_2_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

from typing import Literal

FluxKontextGenerationRequestMetadataResponseFormat = Literal["jpg", "png"]

FLUX_KONTEXT_GENERATION_REQUEST_METADATA_RESPONSE_FORMAT_VALUES: set[
    FluxKontextGenerationRequestMetadataResponseFormat
] = {
    "jpg",
    "png",
}


def check_flux_kontext_generation_request_metadata_response_format(
    value: str,
) -> FluxKontextGenerationRequestMetadataResponseFormat:
    if value in FLUX_KONTEXT_GENERATION_REQUEST_METADATA_RESPONSE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_KONTEXT_GENERATION_REQUEST_METADATA_RESPONSE_FORMAT_VALUES!r}"
    )

from typing import Literal

Gemini3ProImageGenerationRequestMetadataResolution = Literal["1K", "2K", "4K"]

GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Gemini3ProImageGenerationRequestMetadataResolution
] = {
    "1K",
    "2K",
    "4K",
}


def check_gemini_3_pro_image_generation_request_metadata_resolution(
    value: str,
) -> Gemini3ProImageGenerationRequestMetadataResolution:
    if value in GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

from typing import Literal

Gemini3ProImageGenerationRequestMetadataOrientation = Literal["landscape", "portrait"]

GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES: set[
    Gemini3ProImageGenerationRequestMetadataOrientation
] = {
    "landscape",
    "portrait",
}


def check_gemini_3_pro_image_generation_request_metadata_orientation(
    value: str,
) -> Gemini3ProImageGenerationRequestMetadataOrientation:
    if value in GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES!r}"
    )

from typing import Literal

Gemini25FlashImageGenerationRequestMetadataOrientation = Literal["landscape", "portrait"]

GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES: set[
    Gemini25FlashImageGenerationRequestMetadataOrientation
] = {
    "landscape",
    "portrait",
}


def check_gemini_25_flash_image_generation_request_metadata_orientation(
    value: str,
) -> Gemini25FlashImageGenerationRequestMetadataOrientation:
    if value in GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_ORIENTATION_VALUES!r}"
    )

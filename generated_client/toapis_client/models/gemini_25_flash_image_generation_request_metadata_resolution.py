from typing import Literal

Gemini25FlashImageGenerationRequestMetadataResolution = Literal["1K"]

GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Gemini25FlashImageGenerationRequestMetadataResolution
] = {
    "1K",
}


def check_gemini_25_flash_image_generation_request_metadata_resolution(
    value: str,
) -> Gemini25FlashImageGenerationRequestMetadataResolution:
    if value in GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

from typing import Literal

Gemini31FlashImageGenerationRequestMetadataResolution = Literal["0.5K", "1K", "2K", "4K"]

GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    Gemini31FlashImageGenerationRequestMetadataResolution
] = {
    "0.5K",
    "1K",
    "2K",
    "4K",
}


def check_gemini_31_flash_image_generation_request_metadata_resolution(
    value: str,
) -> Gemini31FlashImageGenerationRequestMetadataResolution:
    if value in GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

from typing import Literal

Gemini25FlashImageGenerationRequestSize = Literal["16:9", "1:1", "2:3", "3:2", "3:4", "4:3", "9:16"]

GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES: set[
    Gemini25FlashImageGenerationRequestSize
] = {
    "16:9",
    "1:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
}


def check_gemini_25_flash_image_generation_request_size(
    value: str,
) -> Gemini25FlashImageGenerationRequestSize:
    if value in GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

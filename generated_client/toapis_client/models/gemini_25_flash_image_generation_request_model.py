from typing import Literal

Gemini25FlashImageGenerationRequestModel = Literal["gemini-2.5-flash-image-preview", "nano-banana"]

GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_MODEL_VALUES: set[
    Gemini25FlashImageGenerationRequestModel
] = {
    "gemini-2.5-flash-image-preview",
    "nano-banana",
}


def check_gemini_25_flash_image_generation_request_model(
    value: str,
) -> Gemini25FlashImageGenerationRequestModel:
    if value in GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_25_FLASH_IMAGE_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

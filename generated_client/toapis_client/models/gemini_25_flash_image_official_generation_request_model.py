from typing import Literal

Gemini25FlashImageOfficialGenerationRequestModel = Literal[
    "gemini-2.5-flash-image-official", "nano-banana-official"
]

GEMINI_25_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES: set[
    Gemini25FlashImageOfficialGenerationRequestModel
] = {
    "gemini-2.5-flash-image-official",
    "nano-banana-official",
}


def check_gemini_25_flash_image_official_generation_request_model(
    value: str,
) -> Gemini25FlashImageOfficialGenerationRequestModel:
    if value in GEMINI_25_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_25_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

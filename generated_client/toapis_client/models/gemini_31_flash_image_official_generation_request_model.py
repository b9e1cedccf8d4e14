from typing import Literal

Gemini31FlashImageOfficialGenerationRequestModel = Literal[
    "gemini-3.1-flash-image-preview-official",
    "nano-banana-2-lite-official",
    "nano-banana-2-official",
]

GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES: set[
    Gemini31FlashImageOfficialGenerationRequestModel
] = {
    "gemini-3.1-flash-image-preview-official",
    "nano-banana-2-lite-official",
    "nano-banana-2-official",
}


def check_gemini_31_flash_image_official_generation_request_model(
    value: str,
) -> Gemini31FlashImageOfficialGenerationRequestModel:
    if value in GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

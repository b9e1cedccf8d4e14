from typing import Literal

Gemini31FlashImageGenerationRequestSize = Literal[
    "16:9",
    "1:1",
    "1:4",
    "1:8",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:1",
    "4:3",
    "4:5",
    "5:4",
    "8:1",
    "9:16",
]

GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES: set[
    Gemini31FlashImageGenerationRequestSize
] = {
    "16:9",
    "1:1",
    "1:4",
    "1:8",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:1",
    "4:3",
    "4:5",
    "5:4",
    "8:1",
    "9:16",
}


def check_gemini_31_flash_image_generation_request_size(
    value: str,
) -> Gemini31FlashImageGenerationRequestSize:
    if value in GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

from typing import Literal

Gemini31FlashImageOfficialGenerationRequestSize = Literal[
    "16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:1", "4:3", "4:5", "5:4", "8:1", "9:16"
]

GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES: set[
    Gemini31FlashImageOfficialGenerationRequestSize
] = {
    "16:9",
    "1:1",
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


def check_gemini_31_flash_image_official_generation_request_size(
    value: str,
) -> Gemini31FlashImageOfficialGenerationRequestSize:
    if value in GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_31_FLASH_IMAGE_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

from typing import Literal

Gemini31FlashImageGenerationRequestN = Literal[1]

GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_N_VALUES: set[Gemini31FlashImageGenerationRequestN] = {
    1,
}


def check_gemini_31_flash_image_generation_request_n(
    value: int,
) -> Gemini31FlashImageGenerationRequestN:
    if value in GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_N_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_31_FLASH_IMAGE_GENERATION_REQUEST_N_VALUES!r}"
    )

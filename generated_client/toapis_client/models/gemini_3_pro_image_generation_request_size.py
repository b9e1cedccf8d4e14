from typing import Literal

Gemini3ProImageGenerationRequestSize = Literal[
    "16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16"
]

GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_SIZE_VALUES: set[Gemini3ProImageGenerationRequestSize] = {
    "16:9",
    "1:1",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "4:5",
    "5:4",
    "9:16",
}


def check_gemini_3_pro_image_generation_request_size(
    value: str,
) -> Gemini3ProImageGenerationRequestSize:
    if value in GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

from typing import Literal

GeminiImageOutputOptionsMimeType = Literal["image/jpeg", "image/png", "image/webp"]

GEMINI_IMAGE_OUTPUT_OPTIONS_MIME_TYPE_VALUES: set[GeminiImageOutputOptionsMimeType] = {
    "image/jpeg",
    "image/png",
    "image/webp",
}


def check_gemini_image_output_options_mime_type(value: str) -> GeminiImageOutputOptionsMimeType:
    if value in GEMINI_IMAGE_OUTPUT_OPTIONS_MIME_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_IMAGE_OUTPUT_OPTIONS_MIME_TYPE_VALUES!r}"
    )

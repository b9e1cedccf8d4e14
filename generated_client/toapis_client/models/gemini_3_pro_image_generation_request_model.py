from typing import Literal

Gemini3ProImageGenerationRequestModel = Literal["gemini-3-pro-image-preview", "nano-banana-pro"]

GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_MODEL_VALUES: set[Gemini3ProImageGenerationRequestModel] = {
    "gemini-3-pro-image-preview",
    "nano-banana-pro",
}


def check_gemini_3_pro_image_generation_request_model(
    value: str,
) -> Gemini3ProImageGenerationRequestModel:
    if value in GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_3_PRO_IMAGE_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

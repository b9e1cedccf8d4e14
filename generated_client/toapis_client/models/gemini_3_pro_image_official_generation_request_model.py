from typing import Literal

Gemini3ProImageOfficialGenerationRequestModel = Literal[
    "gemini-3-pro-image-preview-official", "nano-banana-pro-official"
]

GEMINI_3_PRO_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES: set[
    Gemini3ProImageOfficialGenerationRequestModel
] = {
    "gemini-3-pro-image-preview-official",
    "nano-banana-pro-official",
}


def check_gemini_3_pro_image_official_generation_request_model(
    value: str,
) -> Gemini3ProImageOfficialGenerationRequestModel:
    if value in GEMINI_3_PRO_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_3_PRO_IMAGE_OFFICIAL_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

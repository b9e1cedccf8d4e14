from typing import Literal

GrokImageGenerationRequestModel = Literal["grok-4-1-image", "grok-4-2-image"]

GROK_IMAGE_GENERATION_REQUEST_MODEL_VALUES: set[GrokImageGenerationRequestModel] = {
    "grok-4-1-image",
    "grok-4-2-image",
}


def check_grok_image_generation_request_model(value: str) -> GrokImageGenerationRequestModel:
    if value in GROK_IMAGE_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GROK_IMAGE_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

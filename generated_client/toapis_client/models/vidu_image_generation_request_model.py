from typing import Literal

ViduImageGenerationRequestModel = Literal["vidu-image", "viduq2-pro", "viduq3-fast"]

VIDU_IMAGE_GENERATION_REQUEST_MODEL_VALUES: set[ViduImageGenerationRequestModel] = {
    "vidu-image",
    "viduq2-pro",
    "viduq3-fast",
}


def check_vidu_image_generation_request_model(value: str) -> ViduImageGenerationRequestModel:
    if value in VIDU_IMAGE_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDU_IMAGE_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

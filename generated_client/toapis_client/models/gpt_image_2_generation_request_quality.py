from typing import Literal

GptImage2GenerationRequestQuality = Literal["high", "low", "medium"]

GPT_IMAGE_2_GENERATION_REQUEST_QUALITY_VALUES: set[GptImage2GenerationRequestQuality] = {
    "high",
    "low",
    "medium",
}


def check_gpt_image_2_generation_request_quality(value: str) -> GptImage2GenerationRequestQuality:
    if value in GPT_IMAGE_2_GENERATION_REQUEST_QUALITY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_GENERATION_REQUEST_QUALITY_VALUES!r}"
    )

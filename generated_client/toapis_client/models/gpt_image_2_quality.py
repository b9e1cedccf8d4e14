from typing import Literal

GptImage2Quality = Literal["high", "low", "medium"]

GPT_IMAGE_2_QUALITY_VALUES: set[GptImage2Quality] = {
    "high",
    "low",
    "medium",
}


def check_gpt_image_2_quality(value: str) -> GptImage2Quality:
    if value in GPT_IMAGE_2_QUALITY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_QUALITY_VALUES!r}")

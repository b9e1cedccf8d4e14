from typing import Literal

GptImage2Resolution = Literal["1k", "2k", "4k"]

GPT_IMAGE_2_RESOLUTION_VALUES: set[GptImage2Resolution] = {
    "1k",
    "2k",
    "4k",
}


def check_gpt_image_2_resolution(value: str) -> GptImage2Resolution:
    if value in GPT_IMAGE_2_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_RESOLUTION_VALUES!r}"
    )

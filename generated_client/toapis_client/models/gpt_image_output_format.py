from typing import Literal

GptImageOutputFormat = Literal["jpeg", "png"]

GPT_IMAGE_OUTPUT_FORMAT_VALUES: set[GptImageOutputFormat] = {
    "jpeg",
    "png",
}


def check_gpt_image_output_format(value: str) -> GptImageOutputFormat:
    if value in GPT_IMAGE_OUTPUT_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_OUTPUT_FORMAT_VALUES!r}"
    )

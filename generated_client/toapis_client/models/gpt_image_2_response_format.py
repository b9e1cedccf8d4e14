from typing import Literal

GptImage2ResponseFormat = Literal["url"]

GPT_IMAGE_2_RESPONSE_FORMAT_VALUES: set[GptImage2ResponseFormat] = {
    "url",
}


def check_gpt_image_2_response_format(value: str) -> GptImage2ResponseFormat:
    if value in GPT_IMAGE_2_RESPONSE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_RESPONSE_FORMAT_VALUES!r}"
    )

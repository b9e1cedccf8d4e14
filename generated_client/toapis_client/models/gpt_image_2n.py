from typing import Literal

GptImage2N = Literal[1]

GPT_IMAGE_2N_VALUES: set[GptImage2N] = {
    1,
}


def check_gpt_image_2n(value: int) -> GptImage2N:
    if value in GPT_IMAGE_2N_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2N_VALUES!r}")

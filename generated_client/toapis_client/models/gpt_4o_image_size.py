from typing import Literal

Gpt4OImageSize = Literal["1:1", "2:3", "3:2"]

GPT_4O_IMAGE_SIZE_VALUES: set[Gpt4OImageSize] = {
    "1:1",
    "2:3",
    "3:2",
}


def check_gpt_4o_image_size(value: str) -> Gpt4OImageSize:
    if value in GPT_4O_IMAGE_SIZE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GPT_4O_IMAGE_SIZE_VALUES!r}")

from typing import Literal

Gpt4OImageGenerationRequestN = Literal[1, 2, 4]

GPT_4O_IMAGE_GENERATION_REQUEST_N_VALUES: set[Gpt4OImageGenerationRequestN] = {
    1,
    2,
    4,
}


def check_gpt_4o_image_generation_request_n(value: int) -> Gpt4OImageGenerationRequestN:
    if value in GPT_4O_IMAGE_GENERATION_REQUEST_N_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_4O_IMAGE_GENERATION_REQUEST_N_VALUES!r}"
    )

from typing import Literal

GrokImageGenerationRequestN = Literal[1, 2, 4]

GROK_IMAGE_GENERATION_REQUEST_N_VALUES: set[GrokImageGenerationRequestN] = {
    1,
    2,
    4,
}


def check_grok_image_generation_request_n(value: int) -> GrokImageGenerationRequestN:
    if value in GROK_IMAGE_GENERATION_REQUEST_N_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GROK_IMAGE_GENERATION_REQUEST_N_VALUES!r}"
    )

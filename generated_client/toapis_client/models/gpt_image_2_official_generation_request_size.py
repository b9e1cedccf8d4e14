from typing import Literal

GptImage2OfficialGenerationRequestSize = Literal[
    "16:9",
    "1:1",
    "1:2",
    "21:9",
    "2:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "4:5",
    "5:4",
    "9:16",
    "9:21",
    "auto",
]

GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES: set[GptImage2OfficialGenerationRequestSize] = {
    "16:9",
    "1:1",
    "1:2",
    "21:9",
    "2:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "4:5",
    "5:4",
    "9:16",
    "9:21",
    "auto",
}


def check_gpt_image_2_official_generation_request_size(
    value: str,
) -> GptImage2OfficialGenerationRequestSize:
    if value in GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_SIZE_VALUES!r}"
    )

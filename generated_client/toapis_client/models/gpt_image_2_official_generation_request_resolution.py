from typing import Literal

GptImage2OfficialGenerationRequestResolution = Literal["1k", "2k", "4k"]

GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_RESOLUTION_VALUES: set[
    GptImage2OfficialGenerationRequestResolution
] = {
    "1k",
    "2k",
    "4k",
}


def check_gpt_image_2_official_generation_request_resolution(
    value: str,
) -> GptImage2OfficialGenerationRequestResolution:
    if value in GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GPT_IMAGE_2_OFFICIAL_GENERATION_REQUEST_RESOLUTION_VALUES!r}"
    )

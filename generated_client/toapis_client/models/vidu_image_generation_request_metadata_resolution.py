from typing import Literal

ViduImageGenerationRequestMetadataResolution = Literal["1K", "2K", "4K"]

VIDU_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    ViduImageGenerationRequestMetadataResolution
] = {
    "1K",
    "2K",
    "4K",
}


def check_vidu_image_generation_request_metadata_resolution(
    value: str,
) -> ViduImageGenerationRequestMetadataResolution:
    if value in VIDU_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDU_IMAGE_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

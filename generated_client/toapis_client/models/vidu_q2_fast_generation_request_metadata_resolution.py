from typing import Literal

ViduQ2FastGenerationRequestMetadataResolution = Literal["1K"]

VIDU_Q2_FAST_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES: set[
    ViduQ2FastGenerationRequestMetadataResolution
] = {
    "1K",
}


def check_vidu_q2_fast_generation_request_metadata_resolution(
    value: str,
) -> ViduQ2FastGenerationRequestMetadataResolution:
    if value in VIDU_Q2_FAST_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {VIDU_Q2_FAST_GENERATION_REQUEST_METADATA_RESOLUTION_VALUES!r}"
    )

from typing import Literal

GeminiOfficialMetadataResolution = Literal["1K", "2K", "4K"]

GEMINI_OFFICIAL_METADATA_RESOLUTION_VALUES: set[GeminiOfficialMetadataResolution] = {
    "1K",
    "2K",
    "4K",
}


def check_gemini_official_metadata_resolution(value: str) -> GeminiOfficialMetadataResolution:
    if value in GEMINI_OFFICIAL_METADATA_RESOLUTION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_OFFICIAL_METADATA_RESOLUTION_VALUES!r}"
    )

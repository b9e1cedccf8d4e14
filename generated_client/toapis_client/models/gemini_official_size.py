from typing import Literal

GeminiOfficialSize = Literal[
    "16:9", "1:1", "21:9", "2:3", "3:2", "3:4", "4:3", "4:5", "5:4", "9:16"
]

GEMINI_OFFICIAL_SIZE_VALUES: set[GeminiOfficialSize] = {
    "16:9",
    "1:1",
    "21:9",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "4:5",
    "5:4",
    "9:16",
}


def check_gemini_official_size(value: str) -> GeminiOfficialSize:
    if value in GEMINI_OFFICIAL_SIZE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GEMINI_OFFICIAL_SIZE_VALUES!r}")

from typing import Literal

GeminiPersonGeneration = Literal["ALLOW_ADULT", "ALLOW_ALL", "ALLOW_NONE"]

GEMINI_PERSON_GENERATION_VALUES: set[GeminiPersonGeneration] = {
    "ALLOW_ADULT",
    "ALLOW_ALL",
    "ALLOW_NONE",
}


def check_gemini_person_generation(value: str) -> GeminiPersonGeneration:
    if value in GEMINI_PERSON_GENERATION_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_PERSON_GENERATION_VALUES!r}"
    )

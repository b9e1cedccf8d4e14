from typing import Literal

GeminiSafetySettingsItemThreshold = Literal[
    "BLOCK_LOW_AND_ABOVE", "BLOCK_MEDIUM_AND_ABOVE", "BLOCK_ONLY_HIGH", "OFF"
]

GEMINI_SAFETY_SETTINGS_ITEM_THRESHOLD_VALUES: set[GeminiSafetySettingsItemThreshold] = {
    "BLOCK_LOW_AND_ABOVE",
    "BLOCK_MEDIUM_AND_ABOVE",
    "BLOCK_ONLY_HIGH",
    "OFF",
}


def check_gemini_safety_settings_item_threshold(value: str) -> GeminiSafetySettingsItemThreshold:
    if value in GEMINI_SAFETY_SETTINGS_ITEM_THRESHOLD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_SAFETY_SETTINGS_ITEM_THRESHOLD_VALUES!r}"
    )

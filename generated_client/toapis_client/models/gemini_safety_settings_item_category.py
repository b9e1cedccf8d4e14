from typing import Literal

GeminiSafetySettingsItemCategory = Literal[
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
]

GEMINI_SAFETY_SETTINGS_ITEM_CATEGORY_VALUES: set[GeminiSafetySettingsItemCategory] = {
    "HARM_CATEGORY_DANGEROUS_CONTENT",
    "HARM_CATEGORY_HARASSMENT",
    "HARM_CATEGORY_HATE_SPEECH",
    "HARM_CATEGORY_SEXUALLY_EXPLICIT",
}


def check_gemini_safety_settings_item_category(value: str) -> GeminiSafetySettingsItemCategory:
    if value in GEMINI_SAFETY_SETTINGS_ITEM_CATEGORY_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_SAFETY_SETTINGS_ITEM_CATEGORY_VALUES!r}"
    )

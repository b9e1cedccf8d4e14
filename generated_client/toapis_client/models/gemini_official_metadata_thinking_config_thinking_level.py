from typing import Literal

GeminiOfficialMetadataThinkingConfigThinkingLevel = Literal["HIGH", "LOW", "MEDIUM", "MINIMAL"]

GEMINI_OFFICIAL_METADATA_THINKING_CONFIG_THINKING_LEVEL_VALUES: set[
    GeminiOfficialMetadataThinkingConfigThinkingLevel
] = {
    "HIGH",
    "LOW",
    "MEDIUM",
    "MINIMAL",
}


def check_gemini_official_metadata_thinking_config_thinking_level(
    value: str,
) -> GeminiOfficialMetadataThinkingConfigThinkingLevel:
    if value in GEMINI_OFFICIAL_METADATA_THINKING_CONFIG_THINKING_LEVEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {GEMINI_OFFICIAL_METADATA_THINKING_CONFIG_THINKING_LEVEL_VALUES!r}"
    )

from typing import Literal

SeedreamOptimizePromptOptionsType0Mode = Literal["fast", "standard"]

SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_0_MODE_VALUES: set[SeedreamOptimizePromptOptionsType0Mode] = {
    "fast",
    "standard",
}


def check_seedream_optimize_prompt_options_type_0_mode(
    value: str,
) -> SeedreamOptimizePromptOptionsType0Mode:
    if value in SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_0_MODE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_0_MODE_VALUES!r}"
    )

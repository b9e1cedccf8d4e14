from typing import Literal

SeedreamOptimizePromptOptionsType1 = Literal["fast", "standard"]

SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_1_VALUES: set[SeedreamOptimizePromptOptionsType1] = {
    "fast",
    "standard",
}


def check_seedream_optimize_prompt_options_type_1(value: str) -> SeedreamOptimizePromptOptionsType1:
    if value in SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_1_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SEEDREAM_OPTIMIZE_PROMPT_OPTIONS_TYPE_1_VALUES!r}"
    )

from typing import Literal

FixedN = Literal[1]

FIXED_N_VALUES: set[FixedN] = {
    1,
}


def check_fixed_n(value: int) -> FixedN:
    if value in FIXED_N_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {FIXED_N_VALUES!r}")

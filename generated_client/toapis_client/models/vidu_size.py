from typing import Literal

ViduSize = Literal["16:9", "1:1", "2:3", "3:2", "3:4", "4:3", "9:16"]

VIDU_SIZE_VALUES: set[ViduSize] = {
    "16:9",
    "1:1",
    "2:3",
    "3:2",
    "3:4",
    "4:3",
    "9:16",
}


def check_vidu_size(value: str) -> ViduSize:
    if value in VIDU_SIZE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {VIDU_SIZE_VALUES!r}")

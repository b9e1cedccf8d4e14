from typing import Literal

Flux2GenerationRequestModel = Literal["flux-2-flex", "flux-2-pro"]

FLUX_2_GENERATION_REQUEST_MODEL_VALUES: set[Flux2GenerationRequestModel] = {
    "flux-2-flex",
    "flux-2-pro",
}


def check_flux_2_generation_request_model(value: str) -> Flux2GenerationRequestModel:
    if value in FLUX_2_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_2_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

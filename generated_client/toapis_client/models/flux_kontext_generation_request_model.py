from typing import Literal

FluxKontextGenerationRequestModel = Literal["flux-kontext-max", "flux-kontext-pro"]

FLUX_KONTEXT_GENERATION_REQUEST_MODEL_VALUES: set[FluxKontextGenerationRequestModel] = {
    "flux-kontext-max",
    "flux-kontext-pro",
}


def check_flux_kontext_generation_request_model(value: str) -> FluxKontextGenerationRequestModel:
    if value in FLUX_KONTEXT_GENERATION_REQUEST_MODEL_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {FLUX_KONTEXT_GENERATION_REQUEST_MODEL_VALUES!r}"
    )

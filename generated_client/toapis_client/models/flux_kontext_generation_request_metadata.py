from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flux_kontext_generation_request_metadata_response_format import (
    FluxKontextGenerationRequestMetadataResponseFormat,
    check_flux_kontext_generation_request_metadata_response_format,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="FluxKontextGenerationRequestMetadata")


@_attrs_define
class FluxKontextGenerationRequestMetadata:
    """Further options.

    Attributes:
        response_format (FluxKontextGenerationRequestMetadataResponseFormat | Unset): Output file format: `png`
            (default) or `jpg`. Default: 'png'.
        safety_tolerance (int | Unset): Safety filter tolerance, 0 to 6 (default 2; higher is more tolerant). Default:
            2.
        prompt_upsampling (bool | Unset): Let the service expand the prompt (default false). Default: False.
    """

    response_format: FluxKontextGenerationRequestMetadataResponseFormat | Unset = "png"
    safety_tolerance: int | Unset = 2
    prompt_upsampling: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format

        safety_tolerance = self.safety_tolerance

        prompt_upsampling = self.prompt_upsampling

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if safety_tolerance is not UNSET:
            field_dict["safety_tolerance"] = safety_tolerance
        if prompt_upsampling is not UNSET:
            field_dict["prompt_upsampling"] = prompt_upsampling

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        _response_format = d.pop("response_format", UNSET)
        response_format: FluxKontextGenerationRequestMetadataResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = check_flux_kontext_generation_request_metadata_response_format(
                _response_format
            )

        safety_tolerance = d.pop("safety_tolerance", UNSET)

        prompt_upsampling = d.pop("prompt_upsampling", UNSET)

        flux_kontext_generation_request_metadata = cls(
            response_format=response_format,
            safety_tolerance=safety_tolerance,
            prompt_upsampling=prompt_upsampling,
        )

        flux_kontext_generation_request_metadata.additional_properties = d
        return flux_kontext_generation_request_metadata

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flux_kontext_generation_request_model import (
    FluxKontextGenerationRequestModel,
    check_flux_kontext_generation_request_model,
)
from ..models.flux_kontext_generation_request_size import (
    FluxKontextGenerationRequestSize,
    check_flux_kontext_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.flux_kontext_generation_request_metadata import (
        FluxKontextGenerationRequestMetadata,
    )


T = TypeVar("T", bound="FluxKontextGenerationRequest")


@_attrs_define
class FluxKontextGenerationRequest:
    """`flux-kontext-pro` or `flux-kontext-max`: text-to-image, or image editing with one
    reference image. `size` defaults to `match_input_image` with a reference and `16:9`
    without. The page documents no `n`.

        Attributes:
            model (FluxKontextGenerationRequestModel):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (FluxKontextGenerationRequestSize | Unset): `match_input_image` (image editing only; the default with a
                reference image) or an
                aspect ratio: `1:1`, `4:3`, `3:4`, `16:9` (the default without a reference), `9:16`,
                `3:2`, `2:3`, `21:9`, `9:21`.
                 Default: '16:9'.
            image_urls (list[str] | Unset): At most 1 reference image; with one the call edits it.
            metadata (FluxKontextGenerationRequestMetadata | Unset): Further options.
    """

    model: FluxKontextGenerationRequestModel
    prompt: str
    size: FluxKontextGenerationRequestSize | Unset = "16:9"
    image_urls: list[str] | Unset = UNSET
    metadata: FluxKontextGenerationRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model: str = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        image_urls: list[str] | Unset = UNSET
        if not isinstance(self.image_urls, Unset):
            image_urls = self.image_urls

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "prompt": prompt,
            }
        )
        if size is not UNSET:
            field_dict["size"] = size
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flux_kontext_generation_request_metadata import (
            FluxKontextGenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = check_flux_kontext_generation_request_model(d.pop("model"))

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: FluxKontextGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_flux_kontext_generation_request_size(_size)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: FluxKontextGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = FluxKontextGenerationRequestMetadata.from_dict(_metadata)

        flux_kontext_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            image_urls=image_urls,
            metadata=metadata,
        )

        flux_kontext_generation_request.additional_properties = d
        return flux_kontext_generation_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import (
    TYPE_CHECKING,
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.seedream_50_pro_generation_request_size import (
    Seedream50ProGenerationRequestSize,
    check_seedream_50_pro_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seedream_50_pro_generation_request_metadata import (
        Seedream50ProGenerationRequestMetadata,
    )


T = TypeVar("T", bound="Seedream50ProGenerationRequest")


@_attrs_define
class Seedream50ProGenerationRequest:
    """`doubao-seedream-5-0-pro`: nine aspect ratios, 1 to 10 images, `metadata.resolution`
    `1K` or `2K` (default), 1 to 10 JPEG or PNG reference images (the first is free), and
    `layer_decomposition`: a base image plus transparent PNG layers, with `size` given as the
    `1K` or `2K` preset.

        Attributes:
            model (Literal['doubao-seedream-5-0-pro']):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (Seedream50ProGenerationRequestSize | Unset): Aspect ratio, default `1:1`: `1:1`, `4:3`, `3:4`, `16:9`,
                `9:16`, `3:2`, `2:3`, `21:9`
                or `9:21`. With `layer_decomposition`, the resolution preset `1K` or `2K` instead
                (DECISIONS.md D-47).
                 Default: '1:1'.
            n (int | Unset): How many images, 1 to 10 (default 1); reference plus generated images at most 15. Default: 1.
            layer_decomposition (bool | Unset): Return a base image plus independent transparent PNG layers (default false);
                each
                `result.data[]` item then carries `z_index`, layers also `bounding_box`, `name` and
                `description`.
                 Default: False.
            image_urls (list[str] | Unset): 1 to 10 reference images, JPEG or PNG, at most 10 MB each.
            metadata (Seedream50ProGenerationRequestMetadata | Unset): Seedream options.
    """

    model: Literal["doubao-seedream-5-0-pro"]
    prompt: str
    size: Seedream50ProGenerationRequestSize | Unset = "1:1"
    n: int | Unset = 1
    layer_decomposition: bool | Unset = False
    image_urls: list[str] | Unset = UNSET
    metadata: Seedream50ProGenerationRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        n = self.n

        layer_decomposition = self.layer_decomposition

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
        if n is not UNSET:
            field_dict["n"] = n
        if layer_decomposition is not UNSET:
            field_dict["layer_decomposition"] = layer_decomposition
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seedream_50_pro_generation_request_metadata import (
            Seedream50ProGenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = cast(Literal["doubao-seedream-5-0-pro"], d.pop("model"))
        if model != "doubao-seedream-5-0-pro":
            raise ValueError(f"model must match const 'doubao-seedream-5-0-pro', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Seedream50ProGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_seedream_50_pro_generation_request_size(_size)

        n = d.pop("n", UNSET)

        layer_decomposition = d.pop("layer_decomposition", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Seedream50ProGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Seedream50ProGenerationRequestMetadata.from_dict(_metadata)

        seedream_50_pro_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            layer_decomposition=layer_decomposition,
            image_urls=image_urls,
            metadata=metadata,
        )

        seedream_50_pro_generation_request.additional_properties = d
        return seedream_50_pro_generation_request

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

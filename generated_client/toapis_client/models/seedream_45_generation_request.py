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

from ..models.seedream_size import SeedreamSize, check_seedream_size
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seedream_45_generation_request_metadata import (
        Seedream45GenerationRequestMetadata,
    )


T = TypeVar("T", bound="Seedream45GenerationRequest")


@_attrs_define
class Seedream45GenerationRequest:
    """`doubao-seedream-4-5`: nine aspect ratios, 1 to 15 images, `metadata.resolution` `2K`
    (default) or `4K` (no 1K), at most 10 JPEG or PNG reference images. Watermarked by
    default.

        Attributes:
            model (Literal['doubao-seedream-4-5']):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (SeedreamSize | Unset): Aspect ratio, default `1:1`: `1:1`, `4:3`, `3:4`, `16:9`, `9:16`, `3:2`, `2:3`,
                `21:9` or
                `9:21`.
            n (int | Unset): How many images, the JSON number 1 to 15 (default 1); reference images plus generated
                images at most 15. Each is billed when the task is created.
            image_urls (list[str] | Unset): At most 10 reference images: JPEG or PNG, width/height ratio within [1/3, 3],
                each side
                over 14 px, at most 10 MB and 6000x6000 px each.
            metadata (Seedream45GenerationRequestMetadata | Unset): Seedream options.
    """

    model: Literal["doubao-seedream-4-5"]
    prompt: str
    size: SeedreamSize | Unset = UNSET
    n: int | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    metadata: Seedream45GenerationRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        n = self.n

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
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.seedream_45_generation_request_metadata import (
            Seedream45GenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = cast(Literal["doubao-seedream-4-5"], d.pop("model"))
        if model != "doubao-seedream-4-5":
            raise ValueError(f"model must match const 'doubao-seedream-4-5', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: SeedreamSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_seedream_size(_size)

        n = d.pop("n", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Seedream45GenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Seedream45GenerationRequestMetadata.from_dict(_metadata)

        seedream_45_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            metadata=metadata,
        )

        seedream_45_generation_request.additional_properties = d
        return seedream_45_generation_request

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

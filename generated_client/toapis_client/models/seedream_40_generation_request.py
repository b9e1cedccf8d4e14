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

from ..models.seedream_40_generation_request_size import (
    Seedream40GenerationRequestSize,
    check_seedream_40_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.seedream_40_generation_request_metadata import (
        Seedream40GenerationRequestMetadata,
    )


T = TypeVar("T", bound="Seedream40GenerationRequest")


@_attrs_define
class Seedream40GenerationRequest:
    """`doubao-seedream-4-0`: a prompt of at most 1000 characters, nine aspect ratios or `auto`
    (the reference image's ratio; needs `image_urls`), 1 to 15 images (reference images plus
    generated images at most 15), `metadata.resolution` `1K`, `2K` (default) or `4K`, at
    most 10 JPEG or PNG reference images. Watermarked by default.

        Attributes:
            model (Literal['doubao-seedream-4-0']):
            prompt (str): What to generate, at most 1000 characters (Unicode code points).
            size (Seedream40GenerationRequestSize | Unset): Aspect ratio, default `1:1`: `1:1`, `4:3`, `3:4`, `16:9`,
                `9:16`, `3:2`, `2:3`, `21:9`,
                `9:21`, or `auto` (match the reference image; requires `image_urls`). Reference
                sizes: `1:1` is 1024x1024 at 1K, 2048x2048 at 2K, 4096x4096 at 4K; `16:9` is
                1280x720, 2560x1440, 5404x3040.
                 Default: '1:1'.
            n (int | Unset): How many images, the JSON number 1 to 15 (default 1); reference images plus generated
                images at most 15. Each is billed when the task is created.
            image_urls (list[str] | Unset): At most 10 reference images: JPEG or PNG, width/height ratio within [1/3, 3],
                each side
                over 14 px, at most 10 MB and 6000x6000 px each.
            metadata (Seedream40GenerationRequestMetadata | Unset): Seedream options.
    """

    model: Literal["doubao-seedream-4-0"]
    prompt: str
    size: Seedream40GenerationRequestSize | Unset = "1:1"
    n: int | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    metadata: Seedream40GenerationRequestMetadata | Unset = UNSET
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
        from ..models.seedream_40_generation_request_metadata import (
            Seedream40GenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = cast(Literal["doubao-seedream-4-0"], d.pop("model"))
        if model != "doubao-seedream-4-0":
            raise ValueError(f"model must match const 'doubao-seedream-4-0', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Seedream40GenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_seedream_40_generation_request_size(_size)

        n = d.pop("n", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Seedream40GenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Seedream40GenerationRequestMetadata.from_dict(_metadata)

        seedream_40_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            metadata=metadata,
        )

        seedream_40_generation_request.additional_properties = d
        return seedream_40_generation_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.grok_image_generation_request_model import (
    GrokImageGenerationRequestModel,
    check_grok_image_generation_request_model,
)
from ..models.grok_image_generation_request_n import (
    GrokImageGenerationRequestN,
    check_grok_image_generation_request_n,
)
from ..models.grok_size import GrokSize, check_grok_size
from ..types import UNSET, Unset

T = TypeVar("T", bound="GrokImageGenerationRequest")


@_attrs_define
class GrokImageGenerationRequest:
    """`grok-4-1-image` or `grok-4-2-image`: a prompt of at most 1000 characters, five aspect
    ratios (default `1:1`), 1, 2 or 4 images, at most 5 reference images.

        Attributes:
            model (GrokImageGenerationRequestModel):
            prompt (str): What to generate, at most 1000 characters (Unicode code points).
            size (GrokSize | Unset): Aspect ratio, default `1:1`: `1:1`, `2:3`, `3:2`, `16:9` or `9:16`.
            n (GrokImageGenerationRequestN | Unset): How many images, the JSON number 1, 2 or 4 (default 1); billed at
                creation. Default: 1.
            image_urls (list[str] | Unset): At most 5 reference images (JPEG, PNG or WebP, at most 10 MB each).
    """

    model: GrokImageGenerationRequestModel
    prompt: str
    size: GrokSize | Unset = UNSET
    n: GrokImageGenerationRequestN | Unset = 1
    image_urls: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model: str = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        n: int | Unset = UNSET
        if not isinstance(self.n, Unset):
            n = self.n

        image_urls: list[str] | Unset = UNSET
        if not isinstance(self.image_urls, Unset):
            image_urls = self.image_urls

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = check_grok_image_generation_request_model(d.pop("model"))

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: GrokSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_grok_size(_size)

        _n = d.pop("n", UNSET)
        n: GrokImageGenerationRequestN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_grok_image_generation_request_n(_n)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        grok_image_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
        )

        grok_image_generation_request.additional_properties = d
        return grok_image_generation_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import (
    Any,
    Literal,
    TypeVar,
    cast,
)

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.gpt_4o_image_generation_request_n import (
    Gpt4OImageGenerationRequestN,
    check_gpt_4o_image_generation_request_n,
)
from ..models.gpt_4o_image_size import Gpt4OImageSize, check_gpt_4o_image_size
from ..types import UNSET, Unset

T = TypeVar("T", bound="Gpt4OImageGenerationRequest")


@_attrs_define
class Gpt4OImageGenerationRequest:
    """Text-to-image, image-to-image (`image_urls`) or editing (`image_urls` plus `mask_url`) with
    `gpt-4o-image`. Fields the docs do not list are not forbidden (DECISIONS.md D-10).

        Attributes:
            model (Literal['gpt-4o-image']): The model. Always `gpt-4o-image` for this schema.
            prompt (str): What to generate, at most 1000 characters (Unicode code points).
            size (Gpt4OImageSize | Unset): Aspect ratio of the generated images (not pixels): `1:1` square (default), `2:3`
                portrait,
                `3:2` landscape.
            n (Gpt4OImageGenerationRequestN | Unset): How many images to generate: the JSON number 1, 2 or 4. A string such
                as `"1"` is an
                error. The cost of every image is deducted when the task is created.
                 Default: 1.
            image_urls (list[str] | Unset): Reference images for image-to-image or editing: at most 5 public `http://` or
                `https://`
                URLs of JPEG, PNG or WebP images of at most 10 MB each. Base64 data and `data:` URLs are
                not accepted; upload local files with `uploadImage` first.
            mask_url (str | Unset): A public `http://` or `https://` URL (scheme in any letter case, a non-empty host, no
                space
                or ASCII control character). Deliberately not `format: uri`, which is ASCII-only and would
                reject internationalised host names that the service accepts (DECISIONS.md D-06). The
                pattern spells its character classes out instead of using `\\s`, whose meaning differs
                between regular expression dialects (ECMA-262, Python, RE2).
    """

    model: Literal["gpt-4o-image"]
    prompt: str
    size: Gpt4OImageSize | Unset = UNSET
    n: Gpt4OImageGenerationRequestN | Unset = 1
    image_urls: list[str] | Unset = UNSET
    mask_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

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

        mask_url = self.mask_url

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
        if mask_url is not UNSET:
            field_dict["mask_url"] = mask_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = cast(Literal["gpt-4o-image"], d.pop("model"))
        if model != "gpt-4o-image":
            raise ValueError(f"model must match const 'gpt-4o-image', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Gpt4OImageSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gpt_4o_image_size(_size)

        _n = d.pop("n", UNSET)
        n: Gpt4OImageGenerationRequestN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_gpt_4o_image_generation_request_n(_n)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        mask_url = d.pop("mask_url", UNSET)

        gpt_4o_image_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            mask_url=mask_url,
        )

        gpt_4o_image_generation_request.additional_properties = d
        return gpt_4o_image_generation_request

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

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fixed_n import FixedN, check_fixed_n
from ..models.gemini_25_flash_image_generation_request_model import (
    Gemini25FlashImageGenerationRequestModel,
    check_gemini_25_flash_image_generation_request_model,
)
from ..models.gemini_25_flash_image_generation_request_size import (
    Gemini25FlashImageGenerationRequestSize,
    check_gemini_25_flash_image_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gemini_25_flash_image_generation_request_metadata import (
        Gemini25FlashImageGenerationRequestMetadata,
    )
    from ..models.reference_image_object import ReferenceImageObject


T = TypeVar("T", bound="Gemini25FlashImageGenerationRequest")


@_attrs_define
class Gemini25FlashImageGenerationRequest:
    """Text-to-image or image-to-image with `gemini-2.5-flash-image-preview` (alias
    `nano-banana`): a prompt of at most 1000 characters, seven aspect ratios with the page's
    reference pixel sizes, one image per request, `metadata.resolution` `1K` only, at most 14
    reference images.

        Attributes:
            model (Gemini25FlashImageGenerationRequestModel): `gemini-2.5-flash-image-preview`, or its documented alias
                `nano-banana`.
            prompt (str): What to generate, at most 1000 characters (Unicode code points).
            size (Gemini25FlashImageGenerationRequestSize | Unset): Aspect ratio: `1:1` (1024x1024), `16:9` (1792x1024),
                `9:16` (1024x1792), `4:3`
                (1365x1024), `3:4` (1024x1365), `3:2` (1536x1024) or `2:3` (1024x1536), the page's
                reference pixels. No default shown; the contract takes `1:1` (D-44).
                 Default: '1:1'.
            n (FixedN | Unset): How many images; "Fixed at 1" (the JSON number 1, the default).
            image_urls (list[ReferenceImageObject | str] | Unset): At most 14 reference images (JPEG, PNG or WebP, at most
                10 MB each). The page types the
                field `object[]` of `{url}`; every example of it sends plain URL strings: both forms are
                accepted (DECISIONS.md D-49).
            metadata (Gemini25FlashImageGenerationRequestMetadata | Unset): Further options.
    """

    model: Gemini25FlashImageGenerationRequestModel
    prompt: str
    size: Gemini25FlashImageGenerationRequestSize | Unset = "1:1"
    n: FixedN | Unset = UNSET
    image_urls: list[ReferenceImageObject | str] | Unset = UNSET
    metadata: Gemini25FlashImageGenerationRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reference_image_object import ReferenceImageObject  # noqa: PLC0415

        model: str = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        n: int | Unset = UNSET
        if not isinstance(self.n, Unset):
            n = self.n

        image_urls: list[dict[str, Any] | str] | Unset = UNSET
        if not isinstance(self.image_urls, Unset):
            image_urls = []
            for componentsschemas_reference_urls_or_objects_14_item_data in self.image_urls:
                componentsschemas_reference_urls_or_objects_14_item: dict[str, Any] | str
                if isinstance(
                    componentsschemas_reference_urls_or_objects_14_item_data, ReferenceImageObject
                ):
                    componentsschemas_reference_urls_or_objects_14_item = (
                        componentsschemas_reference_urls_or_objects_14_item_data.to_dict()
                    )
                else:
                    componentsschemas_reference_urls_or_objects_14_item = (
                        componentsschemas_reference_urls_or_objects_14_item_data
                    )
                image_urls.append(componentsschemas_reference_urls_or_objects_14_item)

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
        from ..models.gemini_25_flash_image_generation_request_metadata import (
            Gemini25FlashImageGenerationRequestMetadata,  # noqa: PLC0415
        )
        from ..models.reference_image_object import ReferenceImageObject  # noqa: PLC0415

        d = dict(src_dict)
        model = check_gemini_25_flash_image_generation_request_model(d.pop("model"))

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Gemini25FlashImageGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gemini_25_flash_image_generation_request_size(_size)

        _n = d.pop("n", UNSET)
        n: FixedN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_fixed_n(_n)

        _image_urls = d.pop("image_urls", UNSET)
        image_urls: list[ReferenceImageObject | str] | Unset = UNSET
        if _image_urls is not UNSET:
            image_urls = []
            for componentsschemas_reference_urls_or_objects_14_item_data in _image_urls:

                def _parse_componentsschemas_reference_urls_or_objects_14_item(
                    data: object,
                ) -> ReferenceImageObject | str:
                    try:
                        if not isinstance(data, dict):
                            raise TypeError()
                        componentsschemas_reference_image_type_1 = ReferenceImageObject.from_dict(
                            data
                        )

                        return componentsschemas_reference_image_type_1
                    except (TypeError, ValueError, AttributeError, KeyError):
                        pass
                    return cast(ReferenceImageObject | str, data)

                componentsschemas_reference_urls_or_objects_14_item = (
                    _parse_componentsschemas_reference_urls_or_objects_14_item(
                        componentsschemas_reference_urls_or_objects_14_item_data
                    )
                )

                image_urls.append(componentsschemas_reference_urls_or_objects_14_item)

        _metadata = d.pop("metadata", UNSET)
        metadata: Gemini25FlashImageGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Gemini25FlashImageGenerationRequestMetadata.from_dict(_metadata)

        gemini_25_flash_image_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            metadata=metadata,
        )

        gemini_25_flash_image_generation_request.additional_properties = d
        return gemini_25_flash_image_generation_request

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

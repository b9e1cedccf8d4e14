from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fixed_n import FixedN, check_fixed_n
from ..models.gemini_3_pro_image_generation_request_model import (
    Gemini3ProImageGenerationRequestModel,
    check_gemini_3_pro_image_generation_request_model,
)
from ..models.gemini_3_pro_image_generation_request_size import (
    Gemini3ProImageGenerationRequestSize,
    check_gemini_3_pro_image_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gemini_3_pro_image_generation_request_metadata import (
        Gemini3ProImageGenerationRequestMetadata,
    )
    from ..models.reference_image_object import ReferenceImageObject


T = TypeVar("T", bound="Gemini3ProImageGenerationRequest")


@_attrs_define
class Gemini3ProImageGenerationRequest:
    """Text-to-image or image-to-image with `gemini-3-pro-image-preview` (alias
    `nano-banana-pro`). No 1000-character cap on the prompt ("the upstream model input limit is
    65,536 tokens"); `size` is one of ten aspect ratios; one image per request ("Fixed at 1");
    `metadata.resolution` `1K` (default), `2K` or `4K`; at most 14 reference images.

        Attributes:
            model (Gemini3ProImageGenerationRequestModel): `gemini-3-pro-image-preview`, or its documented alias `nano-
                banana-pro`.
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (Gemini3ProImageGenerationRequestSize | Unset): Aspect ratio: `1:1`, `2:3`, `3:2`, `3:4`, `4:3`, `4:5`,
                `5:4`, `9:16`, `16:9` or `21:9`.
                The page shows no default; the contract takes `1:1` (DECISIONS.md D-44).
                 Default: '1:1'.
            n (FixedN | Unset): How many images; "Fixed at 1" (the JSON number 1, the default).
            metadata (Gemini3ProImageGenerationRequestMetadata | Unset): Further options.
            image_urls (list[ReferenceImageObject | str] | Unset): At most 14 reference images (JPEG, PNG or WebP, at most
                10 MB each). The page types the
                field `object[]` of `{url}`; every example of it sends plain URL strings: both forms are
                accepted (DECISIONS.md D-49).
    """

    model: Gemini3ProImageGenerationRequestModel
    prompt: str
    size: Gemini3ProImageGenerationRequestSize | Unset = "1:1"
    n: FixedN | Unset = UNSET
    metadata: Gemini3ProImageGenerationRequestMetadata | Unset = UNSET
    image_urls: list[ReferenceImageObject | str] | Unset = UNSET
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

        metadata: dict[str, Any] | Unset = UNSET
        if not isinstance(self.metadata, Unset):
            metadata = self.metadata.to_dict()

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
        if metadata is not UNSET:
            field_dict["metadata"] = metadata
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.gemini_3_pro_image_generation_request_metadata import (
            Gemini3ProImageGenerationRequestMetadata,  # noqa: PLC0415
        )
        from ..models.reference_image_object import ReferenceImageObject  # noqa: PLC0415

        d = dict(src_dict)
        model = check_gemini_3_pro_image_generation_request_model(d.pop("model"))

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Gemini3ProImageGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gemini_3_pro_image_generation_request_size(_size)

        _n = d.pop("n", UNSET)
        n: FixedN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_fixed_n(_n)

        _metadata = d.pop("metadata", UNSET)
        metadata: Gemini3ProImageGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Gemini3ProImageGenerationRequestMetadata.from_dict(_metadata)

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

        gemini_3_pro_image_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            metadata=metadata,
            image_urls=image_urls,
        )

        gemini_3_pro_image_generation_request.additional_properties = d
        return gemini_3_pro_image_generation_request

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

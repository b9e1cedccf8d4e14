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

from ..models.gemini_31_flash_image_generation_request_n import (
    Gemini31FlashImageGenerationRequestN,
    check_gemini_31_flash_image_generation_request_n,
)
from ..models.gemini_31_flash_image_generation_request_size import (
    Gemini31FlashImageGenerationRequestSize,
    check_gemini_31_flash_image_generation_request_size,
)
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gemini_31_flash_image_generation_request_metadata import (
        Gemini31FlashImageGenerationRequestMetadata,
    )
    from ..models.reference_image_object import ReferenceImageObject


T = TypeVar("T", bound="Gemini31FlashImageGenerationRequest")


@_attrs_define
class Gemini31FlashImageGenerationRequest:
    """Text-to-image or image-to-image with `gemini-3.1-flash-image-preview`: fourteen aspect
    ratios (the extreme `1:4`, `4:1`, `1:8`, `8:1` among them), `metadata.resolution` from
    `0.5K` to `4K` (default `1K`), optional Google search grounding, at most 14 reference
    images.

        Attributes:
            model (Literal['gemini-3.1-flash-image-preview']):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (Gemini31FlashImageGenerationRequestSize | Unset): Aspect ratio: `1:1`, `3:2`, `2:3`, `4:3`, `3:4`, `16:9`,
                `9:16`, `5:4`, `4:5`, `21:9`,
                `1:4`, `4:1`, `1:8` or `8:1`. No default shown; the contract takes `1:1` (D-44).
                 Default: '1:1'.
            n (Gemini31FlashImageGenerationRequestN | Unset): How many images: default 1. The page gives no range; its
                sibling pages say "Fixed at
                1", and the contract asks for 1 (DECISIONS.md D-45).
                 Default: 1.
            image_urls (list[ReferenceImageObject | str] | Unset): At most 14 reference images (JPEG, PNG or WebP, at most
                10 MB each). The page types the
                field `object[]` of `{url}`; every example of it sends plain URL strings: both forms are
                accepted (DECISIONS.md D-49).
            metadata (Gemini31FlashImageGenerationRequestMetadata | Unset): Further options.
    """

    model: Literal["gemini-3.1-flash-image-preview"]
    prompt: str
    size: Gemini31FlashImageGenerationRequestSize | Unset = "1:1"
    n: Gemini31FlashImageGenerationRequestN | Unset = 1
    image_urls: list[ReferenceImageObject | str] | Unset = UNSET
    metadata: Gemini31FlashImageGenerationRequestMetadata | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.reference_image_object import ReferenceImageObject  # noqa: PLC0415

        model = self.model

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
        from ..models.gemini_31_flash_image_generation_request_metadata import (
            Gemini31FlashImageGenerationRequestMetadata,  # noqa: PLC0415
        )
        from ..models.reference_image_object import ReferenceImageObject  # noqa: PLC0415

        d = dict(src_dict)
        model = cast(Literal["gemini-3.1-flash-image-preview"], d.pop("model"))
        if model != "gemini-3.1-flash-image-preview":
            raise ValueError(
                f"model must match const 'gemini-3.1-flash-image-preview', got '{model}'"
            )

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: Gemini31FlashImageGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gemini_31_flash_image_generation_request_size(_size)

        _n = d.pop("n", UNSET)
        n: Gemini31FlashImageGenerationRequestN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_gemini_31_flash_image_generation_request_n(_n)

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
        metadata: Gemini31FlashImageGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Gemini31FlashImageGenerationRequestMetadata.from_dict(_metadata)

        gemini_31_flash_image_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            metadata=metadata,
        )

        gemini_31_flash_image_generation_request.additional_properties = d
        return gemini_31_flash_image_generation_request

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

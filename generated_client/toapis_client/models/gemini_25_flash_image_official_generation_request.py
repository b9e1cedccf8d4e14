from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fixed_n import FixedN, check_fixed_n
from ..models.gemini_25_flash_image_official_generation_request_model import (
    Gemini25FlashImageOfficialGenerationRequestModel,
    check_gemini_25_flash_image_official_generation_request_model,
)
from ..models.gemini_official_size import GeminiOfficialSize, check_gemini_official_size
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.gemini_25_flash_image_official_generation_request_metadata import (
        Gemini25FlashImageOfficialGenerationRequestMetadata,
    )


T = TypeVar("T", bound="Gemini25FlashImageOfficialGenerationRequest")


@_attrs_define
class Gemini25FlashImageOfficialGenerationRequest:
    """`gemini-2.5-flash-image-official` (alias `nano-banana-official`): the Vertex AI channel of
    Gemini 2.5 Flash. Ten aspect ratios, one image per request, at most 3 reference images;
    `metadata` without `resolution` and `thinkingConfig`.

        Attributes:
            model (Gemini25FlashImageOfficialGenerationRequestModel): `gemini-2.5-flash-image-official`, or its documented
                alias `nano-banana-official`.
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (GeminiOfficialSize | Unset): Aspect ratio: `1:1`, `3:2`, `2:3`, `3:4`, `4:3`, `4:5`, `5:4`, `9:16`, `16:9`
                or `21:9`.
                No default shown; the contract takes `1:1` (D-44).
            n (FixedN | Unset): How many images; "Fixed at 1" (the JSON number 1, the default).
            image_urls (list[str] | Unset): At most 3 reference images, public `http(s)` URLs of at most 10 MB each.
            metadata (Gemini25FlashImageOfficialGenerationRequestMetadata | Unset): Vertex AI native options.
    """

    model: Gemini25FlashImageOfficialGenerationRequestModel
    prompt: str
    size: GeminiOfficialSize | Unset = UNSET
    n: FixedN | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    metadata: Gemini25FlashImageOfficialGenerationRequestMetadata | Unset = UNSET
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
        from ..models.gemini_25_flash_image_official_generation_request_metadata import (
            Gemini25FlashImageOfficialGenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = check_gemini_25_flash_image_official_generation_request_model(d.pop("model"))

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: GeminiOfficialSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gemini_official_size(_size)

        _n = d.pop("n", UNSET)
        n: FixedN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_fixed_n(_n)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: Gemini25FlashImageOfficialGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = Gemini25FlashImageOfficialGenerationRequestMetadata.from_dict(_metadata)

        gemini_25_flash_image_official_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            image_urls=image_urls,
            metadata=metadata,
        )

        gemini_25_flash_image_official_generation_request.additional_properties = d
        return gemini_25_flash_image_official_generation_request

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

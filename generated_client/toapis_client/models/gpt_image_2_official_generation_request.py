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

from ..models.gpt_image_2_official_generation_request_quality import (
    GptImage2OfficialGenerationRequestQuality,
    check_gpt_image_2_official_generation_request_quality,
)
from ..models.gpt_image_2_official_generation_request_resolution import (
    GptImage2OfficialGenerationRequestResolution,
    check_gpt_image_2_official_generation_request_resolution,
)
from ..models.gpt_image_2_official_generation_request_size import (
    GptImage2OfficialGenerationRequestSize,
    check_gpt_image_2_official_generation_request_size,
)
from ..models.gpt_image_output_format import (
    GptImageOutputFormat,
    check_gpt_image_output_format,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GptImage2OfficialGenerationRequest")


@_attrs_define
class GptImage2OfficialGenerationRequest:
    """`gpt-image-2-official`: the official channel. Thirteen aspect ratios or `auto`,
    `resolution` `1k` (default), `2k` or `4k` (4K only for `16:9`, `9:16`, `2:1`, `1:2`,
    `21:9`, `9:21`), `quality` (default `high`), `output_format` `png` (default) or `jpeg`,
    1 to 10 images, at most 16 reference images and an optional PNG `mask_url`.

        Attributes:
            model (Literal['gpt-image-2-official']):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            size (GptImage2OfficialGenerationRequestSize | Unset): Aspect ratio (the 13 of `GptImage2Size`) or `auto` (the
                server chooses). The page's
                size table gives the pixels at each resolution.
                 Default: '1:1'.
            resolution (GptImage2OfficialGenerationRequestResolution | Unset): Resolution tier, `1k` (default), `2k` or
                `4k`. Default: '1k'.
            quality (GptImage2OfficialGenerationRequestQuality | Unset): `low`, `medium` or `high` (default). Default:
                'high'.
            output_format (GptImageOutputFormat | Unset): Output file format, `png` (default) or `jpeg` (no `webp`).
            output_compression (int | Unset): JPEG compression level, 0 to 100 (default 100); only with `output_format`
                `jpeg`.
            n (int | Unset): How many images, 1 to 10 (default 1). Each is billed when the task is created. Default: 1.
            image_urls (list[str] | Unset): Reference images for image-to-image: at most 16 public `http://` or `https://`
                URLs
                (upload local files with `uploadImage` first). The generation page states no maximum;
                16 is the same model's editing limit (DECISIONS.md D-34).
            mask_url (str | Unset): A public `http://` or `https://` URL (scheme in any letter case, a non-empty host, no
                space
                or ASCII control character). Deliberately not `format: uri`, which is ASCII-only and would
                reject internationalised host names that the service accepts (DECISIONS.md D-06). The
                pattern spells its character classes out instead of using `\\s`, whose meaning differs
                between regular expression dialects (ECMA-262, Python, RE2).
    """

    model: Literal["gpt-image-2-official"]
    prompt: str
    size: GptImage2OfficialGenerationRequestSize | Unset = "1:1"
    resolution: GptImage2OfficialGenerationRequestResolution | Unset = "1k"
    quality: GptImage2OfficialGenerationRequestQuality | Unset = "high"
    output_format: GptImageOutputFormat | Unset = UNSET
    output_compression: int | Unset = UNSET
    n: int | Unset = 1
    image_urls: list[str] | Unset = UNSET
    mask_url: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        resolution: str | Unset = UNSET
        if not isinstance(self.resolution, Unset):
            resolution = self.resolution

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = self.quality

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format

        output_compression = self.output_compression

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
        if resolution is not UNSET:
            field_dict["resolution"] = resolution
        if quality is not UNSET:
            field_dict["quality"] = quality
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if output_compression is not UNSET:
            field_dict["output_compression"] = output_compression
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
        model = cast(Literal["gpt-image-2-official"], d.pop("model"))
        if model != "gpt-image-2-official":
            raise ValueError(f"model must match const 'gpt-image-2-official', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: GptImage2OfficialGenerationRequestSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gpt_image_2_official_generation_request_size(_size)

        _resolution = d.pop("resolution", UNSET)
        resolution: GptImage2OfficialGenerationRequestResolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_gpt_image_2_official_generation_request_resolution(_resolution)

        _quality = d.pop("quality", UNSET)
        quality: GptImage2OfficialGenerationRequestQuality | Unset
        if isinstance(_quality, Unset):
            quality = UNSET
        else:
            quality = check_gpt_image_2_official_generation_request_quality(_quality)

        _output_format = d.pop("output_format", UNSET)
        output_format: GptImageOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = check_gpt_image_output_format(_output_format)

        output_compression = d.pop("output_compression", UNSET)

        n = d.pop("n", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        mask_url = d.pop("mask_url", UNSET)

        gpt_image_2_official_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            resolution=resolution,
            quality=quality,
            output_format=output_format,
            output_compression=output_compression,
            n=n,
            image_urls=image_urls,
            mask_url=mask_url,
        )

        gpt_image_2_official_generation_request.additional_properties = d
        return gpt_image_2_official_generation_request

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

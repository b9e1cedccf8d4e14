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

from ..models.gpt_image_2_generation_request_quality import (
    GptImage2GenerationRequestQuality,
    check_gpt_image_2_generation_request_quality,
)
from ..models.gpt_image_2_resolution import (
    GptImage2Resolution,
    check_gpt_image_2_resolution,
)
from ..models.gpt_image_2_response_format import (
    GptImage2ResponseFormat,
    check_gpt_image_2_response_format,
)
from ..models.gpt_image_2_size import GptImage2Size, check_gpt_image_2_size
from ..models.gpt_image_2n import GptImage2N, check_gpt_image_2n
from ..models.gpt_image_output_format import (
    GptImageOutputFormat,
    check_gpt_image_output_format,
)
from ..types import UNSET, Unset

T = TypeVar("T", bound="GptImage2GenerationRequest")


@_attrs_define
class GptImage2GenerationRequest:
    """Text-to-image or image-to-image (`reference_images`) with `gpt-image-2`. The prompt holds
    at most 32,000 characters; `size` is one of 13 aspect ratios (default `1:1`) and
    `resolution` one of `1k`, `2k`, `4k` (default `1k`), which together give the pixel size
    (`GptImage2Size`); one image per request (`n` is 1, DECISIONS.md D-30); results come
    as URLs. Reference images go in `reference_images`; `image_urls` is its documented alias
    (send one of the two, not both: D-33). Fields the docs do not list are not forbidden
    (D-10).

        Attributes:
            model (Literal['gpt-image-2']): The model. Always `gpt-image-2` for this schema.
            prompt (str): What to generate, at most 32,000 characters (Unicode code points).
            size (GptImage2Size | Unset): Aspect ratio of the generated image (not pixels), default `1:1`: `1:1`, `3:2`,
                `2:3`,
                `4:3`, `3:4`, `5:4`, `4:5`, `16:9`, `9:16`, `2:1`, `1:2`, `21:9` or `9:21`. With
                `resolution` it gives the pixel size, e.g. `3:2` is 1536x1024 at `1k`, 2048x1360 at `2k`
                and 3520x2336 at `4k` (the whole table is `x-pixels`, DECISIONS.md D-35).
            resolution (GptImage2Resolution | Unset): The resolution tier, lower-case: `1k` (default), `2k` or `4k`. Older
                pages wrote `1K`,
                `2K`, `4K`; the contract asks for the current page's lower case (DECISIONS.md D-32).
            n (GptImage2N | Unset): How many images to generate: 1, the documented default and the only value the
                generation pages show. The same model's editing mode and its official variant document
                1 to 10; the contract asks for 1 (DECISIONS.md D-30). The cost of every image is
                deducted when the task is created.
            response_format (GptImage2ResponseFormat | Unset): How results are delivered: `url` (the default), a URL in
                `result.data[].url` valid for
                24 hours. An older page recommended `b64_json`; the contract asks for `url`
                (DECISIONS.md D-31).
            reference_images (list[str] | Unset): Reference images for image-to-image: at most 16 public `http://` or
                `https://` URLs
                (upload local files with `uploadImage` first). The generation page states no maximum;
                16 is the same model's editing limit (DECISIONS.md D-34).
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
            quality (GptImage2GenerationRequestQuality | Unset): Editing mode: `low`, `medium` or `high` (the editing page's
                default). Default: 'high'.
            output_format (GptImageOutputFormat | Unset): Output file format, `png` (default) or `jpeg` (no `webp`).
            output_compression (int | Unset): JPEG compression level, 0 to 100 (default 100); only with `output_format`
                `jpeg`.
    """

    model: Literal["gpt-image-2"]
    prompt: str
    size: GptImage2Size | Unset = UNSET
    resolution: GptImage2Resolution | Unset = UNSET
    n: GptImage2N | Unset = UNSET
    response_format: GptImage2ResponseFormat | Unset = UNSET
    reference_images: list[str] | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    mask_url: str | Unset = UNSET
    quality: GptImage2GenerationRequestQuality | Unset = "high"
    output_format: GptImageOutputFormat | Unset = UNSET
    output_compression: int | Unset = UNSET
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

        n: int | Unset = UNSET
        if not isinstance(self.n, Unset):
            n = self.n

        response_format: str | Unset = UNSET
        if not isinstance(self.response_format, Unset):
            response_format = self.response_format

        reference_images: list[str] | Unset = UNSET
        if not isinstance(self.reference_images, Unset):
            reference_images = self.reference_images

        image_urls: list[str] | Unset = UNSET
        if not isinstance(self.image_urls, Unset):
            image_urls = self.image_urls

        mask_url = self.mask_url

        quality: str | Unset = UNSET
        if not isinstance(self.quality, Unset):
            quality = self.quality

        output_format: str | Unset = UNSET
        if not isinstance(self.output_format, Unset):
            output_format = self.output_format

        output_compression = self.output_compression

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
        if n is not UNSET:
            field_dict["n"] = n
        if response_format is not UNSET:
            field_dict["response_format"] = response_format
        if reference_images is not UNSET:
            field_dict["reference_images"] = reference_images
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if mask_url is not UNSET:
            field_dict["mask_url"] = mask_url
        if quality is not UNSET:
            field_dict["quality"] = quality
        if output_format is not UNSET:
            field_dict["output_format"] = output_format
        if output_compression is not UNSET:
            field_dict["output_compression"] = output_compression

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = cast(Literal["gpt-image-2"], d.pop("model"))
        if model != "gpt-image-2":
            raise ValueError(f"model must match const 'gpt-image-2', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: GptImage2Size | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_gpt_image_2_size(_size)

        _resolution = d.pop("resolution", UNSET)
        resolution: GptImage2Resolution | Unset
        if isinstance(_resolution, Unset):
            resolution = UNSET
        else:
            resolution = check_gpt_image_2_resolution(_resolution)

        _n = d.pop("n", UNSET)
        n: GptImage2N | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_gpt_image_2n(_n)

        _response_format = d.pop("response_format", UNSET)
        response_format: GptImage2ResponseFormat | Unset
        if isinstance(_response_format, Unset):
            response_format = UNSET
        else:
            response_format = check_gpt_image_2_response_format(_response_format)

        reference_images = cast(list[str], d.pop("reference_images", UNSET))

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        mask_url = d.pop("mask_url", UNSET)

        _quality = d.pop("quality", UNSET)
        quality: GptImage2GenerationRequestQuality | Unset
        if isinstance(_quality, Unset):
            quality = UNSET
        else:
            quality = check_gpt_image_2_generation_request_quality(_quality)

        _output_format = d.pop("output_format", UNSET)
        output_format: GptImageOutputFormat | Unset
        if isinstance(_output_format, Unset):
            output_format = UNSET
        else:
            output_format = check_gpt_image_output_format(_output_format)

        output_compression = d.pop("output_compression", UNSET)

        gpt_image_2_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            resolution=resolution,
            n=n,
            response_format=response_format,
            reference_images=reference_images,
            image_urls=image_urls,
            mask_url=mask_url,
            quality=quality,
            output_format=output_format,
            output_compression=output_compression,
        )

        gpt_image_2_generation_request.additional_properties = d
        return gpt_image_2_generation_request

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

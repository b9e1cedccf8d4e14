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

from ..models.fixed_n import FixedN, check_fixed_n
from ..models.vidu_size import ViduSize, check_vidu_size
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.vidu_q2_fast_generation_request_metadata import (
        ViduQ2FastGenerationRequestMetadata,
    )


T = TypeVar("T", bound="ViduQ2FastGenerationRequest")


@_attrs_define
class ViduQ2FastGenerationRequest:
    """`viduq2-fast`: as the other Vidu models, at `1K` only.

    Attributes:
        model (Literal['viduq2-fast']):
        prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
            applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
        size (ViduSize | Unset): Aspect ratio, default `1:1`: `1:1`, `4:3`, `3:4`, `16:9`, `9:16`, `3:2` or `2:3`.
        n (FixedN | Unset): How many images; "Fixed at 1" (the JSON number 1, the default).
        seed (int | Unset): Random seed.
        image_urls (list[str] | Unset): At most 7 reference images, public `http(s)` URLs.
        metadata (ViduQ2FastGenerationRequestMetadata | Unset): Further options.
    """

    model: Literal["viduq2-fast"]
    prompt: str
    size: ViduSize | Unset = UNSET
    n: FixedN | Unset = UNSET
    seed: int | Unset = UNSET
    image_urls: list[str] | Unset = UNSET
    metadata: ViduQ2FastGenerationRequestMetadata | Unset = UNSET
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

        seed = self.seed

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
        if seed is not UNSET:
            field_dict["seed"] = seed
        if image_urls is not UNSET:
            field_dict["image_urls"] = image_urls
        if metadata is not UNSET:
            field_dict["metadata"] = metadata

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.vidu_q2_fast_generation_request_metadata import (
            ViduQ2FastGenerationRequestMetadata,  # noqa: PLC0415
        )

        d = dict(src_dict)
        model = cast(Literal["viduq2-fast"], d.pop("model"))
        if model != "viduq2-fast":
            raise ValueError(f"model must match const 'viduq2-fast', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: ViduSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_vidu_size(_size)

        _n = d.pop("n", UNSET)
        n: FixedN | Unset
        if isinstance(_n, Unset):
            n = UNSET
        else:
            n = check_fixed_n(_n)

        seed = d.pop("seed", UNSET)

        image_urls = cast(list[str], d.pop("image_urls", UNSET))

        _metadata = d.pop("metadata", UNSET)
        metadata: ViduQ2FastGenerationRequestMetadata | Unset
        if isinstance(_metadata, Unset):
            metadata = UNSET
        else:
            metadata = ViduQ2FastGenerationRequestMetadata.from_dict(_metadata)

        vidu_q2_fast_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
            seed=seed,
            image_urls=image_urls,
            metadata=metadata,
        )

        vidu_q2_fast_generation_request.additional_properties = d
        return vidu_q2_fast_generation_request

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

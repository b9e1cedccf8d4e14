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

from ..models.grok_size import GrokSize, check_grok_size
from ..types import UNSET, Unset

T = TypeVar("T", bound="GrokImagine10GenerationRequest")


@_attrs_define
class GrokImagine10GenerationRequest:
    """`grok-imagine-1.0`: text-to-image, five aspect ratios, 1 to 10 images.

    Attributes:
        model (Literal['grok-imagine-1.0']):
        prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
            applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
        size (GrokSize | Unset): Aspect ratio, default `1:1`: `1:1`, `2:3`, `3:2`, `16:9` or `9:16`.
        n (int | Unset): How many images, 1 to 10 (default 1). Default: 1.
    """

    model: Literal["grok-imagine-1.0"]
    prompt: str
    size: GrokSize | Unset = UNSET
    n: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        size: str | Unset = UNSET
        if not isinstance(self.size, Unset):
            size = self.size

        n = self.n

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

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = cast(Literal["grok-imagine-1.0"], d.pop("model"))
        if model != "grok-imagine-1.0":
            raise ValueError(f"model must match const 'grok-imagine-1.0', got '{model}'")

        prompt = d.pop("prompt")

        _size = d.pop("size", UNSET)
        size: GrokSize | Unset
        if isinstance(_size, Unset):
            size = UNSET
        else:
            size = check_grok_size(_size)

        n = d.pop("n", UNSET)

        grok_imagine_10_generation_request = cls(
            model=model,
            prompt=prompt,
            size=size,
            n=n,
        )

        grok_imagine_10_generation_request.additional_properties = d
        return grok_imagine_10_generation_request

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

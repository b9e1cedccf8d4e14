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

from ..types import UNSET, Unset

T = TypeVar("T", bound="GrokImagine10EditRequest")


@_attrs_define
class GrokImagine10EditRequest:
    """`grok-imagine-1.0-edit`: edits the source images (`image_urls`, at least one) as the
    prompt says; 1 to 10 images ("recommended range", DECISIONS.md D-48). The page documents
    no `size`: results keep the source image's aspect ratio (D-48).

        Attributes:
            model (Literal['grok-imagine-1.0-edit']):
            prompt (str): What to generate. The page states no maximum length (the upstream model's own input limit
                applies); the contract adds none. Required and non-empty (the lower bound is ours, D-14).
            image_urls (list[str]): Source images, at least one public `http(s)` URL.
            n (int | Unset): How many images, 1 to 10 (default 1), the page's recommended range (D-48). Default: 1.
    """

    model: Literal["grok-imagine-1.0-edit"]
    prompt: str
    image_urls: list[str]
    n: int | Unset = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model = self.model

        prompt = self.prompt

        image_urls = self.image_urls

        n = self.n

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model": model,
                "prompt": prompt,
                "image_urls": image_urls,
            }
        )
        if n is not UNSET:
            field_dict["n"] = n

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        model = cast(Literal["grok-imagine-1.0-edit"], d.pop("model"))
        if model != "grok-imagine-1.0-edit":
            raise ValueError(f"model must match const 'grok-imagine-1.0-edit', got '{model}'")

        prompt = d.pop("prompt")

        image_urls = cast(list[str], d.pop("image_urls"))

        n = d.pop("n", UNSET)

        grok_imagine_10_edit_request = cls(
            model=model,
            prompt=prompt,
            image_urls=image_urls,
            n=n,
        )

        grok_imagine_10_edit_request.additional_properties = d
        return grok_imagine_10_edit_request

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

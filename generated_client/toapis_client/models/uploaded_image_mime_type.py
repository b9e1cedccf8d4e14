from typing import Literal

UploadedImageMimeType = Literal["image/gif", "image/jpeg", "image/png", "image/webp"]

UPLOADED_IMAGE_MIME_TYPE_VALUES: set[UploadedImageMimeType] = {
    "image/gif",
    "image/jpeg",
    "image/png",
    "image/webp",
}


def check_uploaded_image_mime_type(value: str) -> UploadedImageMimeType:
    if value in UPLOADED_IMAGE_MIME_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {UPLOADED_IMAGE_MIME_TYPE_VALUES!r}"
    )

"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .gpt_4o_image_generation_request import Gpt4OImageGenerationRequest
from .gpt_4o_image_generation_request_n import Gpt4OImageGenerationRequestN
from .gpt_4o_image_size import Gpt4OImageSize
from .image_upload_request import ImageUploadRequest
from .image_upload_response import ImageUploadResponse
from .result_image import ResultImage
from .task import Task
from .task_error import TaskError
from .task_metadata import TaskMetadata
from .task_result import TaskResult
from .task_status import TaskStatus
from .upload_error_response import UploadErrorResponse
from .uploaded_image import UploadedImage
from .uploaded_image_mime_type import UploadedImageMimeType

__all__ = (
    "ErrorDetail",
    "ErrorResponse",
    "Gpt4OImageGenerationRequest",
    "Gpt4OImageGenerationRequestN",
    "Gpt4OImageSize",
    "ImageUploadRequest",
    "ImageUploadResponse",
    "ResultImage",
    "Task",
    "TaskError",
    "TaskMetadata",
    "TaskResult",
    "TaskStatus",
    "UploadedImage",
    "UploadedImageMimeType",
    "UploadErrorResponse",
)

"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .gpt_4o_image_generation_request import Gpt4OImageGenerationRequest
from .gpt_4o_image_generation_request_n import Gpt4OImageGenerationRequestN
from .gpt_4o_image_size import Gpt4OImageSize
from .gpt_image_2_generation_request import GptImage2GenerationRequest
from .gpt_image_2_quality import GptImage2Quality
from .gpt_image_2_resolution import GptImage2Resolution
from .gpt_image_2_response_format import GptImage2ResponseFormat
from .gpt_image_2_size import GptImage2Size
from .gpt_image_2_vip_generation_request import GptImage2VipGenerationRequest
from .gpt_image_2n import GptImage2N
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
from .webhook_event import WebhookEvent
from .webhook_event_type import WebhookEventType
from .webhook_task_data import WebhookTaskData
from .webhook_task_data_status import WebhookTaskDataStatus
from .webhook_task_error import WebhookTaskError

__all__ = (
    "ErrorDetail",
    "ErrorResponse",
    "Gpt4OImageGenerationRequest",
    "Gpt4OImageGenerationRequestN",
    "Gpt4OImageSize",
    "GptImage2GenerationRequest",
    "GptImage2N",
    "GptImage2Quality",
    "GptImage2Resolution",
    "GptImage2ResponseFormat",
    "GptImage2Size",
    "GptImage2VipGenerationRequest",
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
    "WebhookEvent",
    "WebhookEventType",
    "WebhookTaskData",
    "WebhookTaskDataStatus",
    "WebhookTaskError",
)

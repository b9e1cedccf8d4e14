"""Contains all the data models used in inputs/outputs"""

from .error_detail import ErrorDetail
from .error_response import ErrorResponse
from .fixed_n import FixedN
from .flux_2_generation_request import Flux2GenerationRequest
from .flux_2_generation_request_metadata import Flux2GenerationRequestMetadata
from .flux_2_generation_request_metadata_resolution import (
    Flux2GenerationRequestMetadataResolution,
)
from .flux_2_generation_request_model import Flux2GenerationRequestModel
from .flux_2_generation_request_size import Flux2GenerationRequestSize
from .flux_kontext_generation_request import FluxKontextGenerationRequest
from .flux_kontext_generation_request_metadata import (
    FluxKontextGenerationRequestMetadata,
)
from .flux_kontext_generation_request_metadata_response_format import (
    FluxKontextGenerationRequestMetadataResponseFormat,
)
from .flux_kontext_generation_request_model import FluxKontextGenerationRequestModel
from .flux_kontext_generation_request_size import FluxKontextGenerationRequestSize
from .gemini_3_pro_image_generation_request import Gemini3ProImageGenerationRequest
from .gemini_3_pro_image_generation_request_metadata import (
    Gemini3ProImageGenerationRequestMetadata,
)
from .gemini_3_pro_image_generation_request_metadata_orientation import (
    Gemini3ProImageGenerationRequestMetadataOrientation,
)
from .gemini_3_pro_image_generation_request_metadata_resolution import (
    Gemini3ProImageGenerationRequestMetadataResolution,
)
from .gemini_3_pro_image_generation_request_model import (
    Gemini3ProImageGenerationRequestModel,
)
from .gemini_3_pro_image_generation_request_size import (
    Gemini3ProImageGenerationRequestSize,
)
from .gemini_3_pro_image_official_generation_request import (
    Gemini3ProImageOfficialGenerationRequest,
)
from .gemini_3_pro_image_official_generation_request_model import (
    Gemini3ProImageOfficialGenerationRequestModel,
)
from .gemini_25_flash_image_generation_request import (
    Gemini25FlashImageGenerationRequest,
)
from .gemini_25_flash_image_generation_request_metadata import (
    Gemini25FlashImageGenerationRequestMetadata,
)
from .gemini_25_flash_image_generation_request_metadata_orientation import (
    Gemini25FlashImageGenerationRequestMetadataOrientation,
)
from .gemini_25_flash_image_generation_request_metadata_resolution import (
    Gemini25FlashImageGenerationRequestMetadataResolution,
)
from .gemini_25_flash_image_generation_request_model import (
    Gemini25FlashImageGenerationRequestModel,
)
from .gemini_25_flash_image_generation_request_size import (
    Gemini25FlashImageGenerationRequestSize,
)
from .gemini_25_flash_image_official_generation_request import (
    Gemini25FlashImageOfficialGenerationRequest,
)
from .gemini_25_flash_image_official_generation_request_metadata import (
    Gemini25FlashImageOfficialGenerationRequestMetadata,
)
from .gemini_25_flash_image_official_generation_request_model import (
    Gemini25FlashImageOfficialGenerationRequestModel,
)
from .gemini_31_flash_image_generation_request import (
    Gemini31FlashImageGenerationRequest,
)
from .gemini_31_flash_image_generation_request_metadata import (
    Gemini31FlashImageGenerationRequestMetadata,
)
from .gemini_31_flash_image_generation_request_metadata_resolution import (
    Gemini31FlashImageGenerationRequestMetadataResolution,
)
from .gemini_31_flash_image_generation_request_n import (
    Gemini31FlashImageGenerationRequestN,
)
from .gemini_31_flash_image_generation_request_size import (
    Gemini31FlashImageGenerationRequestSize,
)
from .gemini_31_flash_image_official_generation_request import (
    Gemini31FlashImageOfficialGenerationRequest,
)
from .gemini_31_flash_image_official_generation_request_model import (
    Gemini31FlashImageOfficialGenerationRequestModel,
)
from .gemini_31_flash_image_official_generation_request_size import (
    Gemini31FlashImageOfficialGenerationRequestSize,
)
from .gemini_image_output_options import GeminiImageOutputOptions
from .gemini_image_output_options_mime_type import GeminiImageOutputOptionsMimeType
from .gemini_official_metadata import GeminiOfficialMetadata
from .gemini_official_metadata_resolution import GeminiOfficialMetadataResolution
from .gemini_official_metadata_thinking_config import (
    GeminiOfficialMetadataThinkingConfig,
)
from .gemini_official_metadata_thinking_config_thinking_level import (
    GeminiOfficialMetadataThinkingConfigThinkingLevel,
)
from .gemini_official_size import GeminiOfficialSize
from .gemini_person_generation import GeminiPersonGeneration
from .gemini_safety_settings_item import GeminiSafetySettingsItem
from .gemini_safety_settings_item_category import GeminiSafetySettingsItemCategory
from .gemini_safety_settings_item_threshold import GeminiSafetySettingsItemThreshold
from .gpt_4o_image_generation_request import Gpt4OImageGenerationRequest
from .gpt_4o_image_generation_request_n import Gpt4OImageGenerationRequestN
from .gpt_4o_image_size import Gpt4OImageSize
from .gpt_image_2_generation_request import GptImage2GenerationRequest
from .gpt_image_2_generation_request_quality import GptImage2GenerationRequestQuality
from .gpt_image_2_official_generation_request import GptImage2OfficialGenerationRequest
from .gpt_image_2_official_generation_request_quality import (
    GptImage2OfficialGenerationRequestQuality,
)
from .gpt_image_2_official_generation_request_resolution import (
    GptImage2OfficialGenerationRequestResolution,
)
from .gpt_image_2_official_generation_request_size import (
    GptImage2OfficialGenerationRequestSize,
)
from .gpt_image_2_quality import GptImage2Quality
from .gpt_image_2_resolution import GptImage2Resolution
from .gpt_image_2_response_format import GptImage2ResponseFormat
from .gpt_image_2_size import GptImage2Size
from .gpt_image_2_vip_generation_request import GptImage2VipGenerationRequest
from .gpt_image_2n import GptImage2N
from .gpt_image_output_format import GptImageOutputFormat
from .grok_image_generation_request import GrokImageGenerationRequest
from .grok_image_generation_request_model import GrokImageGenerationRequestModel
from .grok_image_generation_request_n import GrokImageGenerationRequestN
from .grok_imagine_10_edit_request import GrokImagine10EditRequest
from .grok_imagine_10_generation_request import GrokImagine10GenerationRequest
from .grok_size import GrokSize
from .image_upload_request import ImageUploadRequest
from .image_upload_response import ImageUploadResponse
from .reference_image_object import ReferenceImageObject
from .result_image import ResultImage
from .seedream_40_generation_request import Seedream40GenerationRequest
from .seedream_40_generation_request_metadata import Seedream40GenerationRequestMetadata
from .seedream_40_generation_request_metadata_resolution import (
    Seedream40GenerationRequestMetadataResolution,
)
from .seedream_40_generation_request_size import Seedream40GenerationRequestSize
from .seedream_45_generation_request import Seedream45GenerationRequest
from .seedream_45_generation_request_metadata import Seedream45GenerationRequestMetadata
from .seedream_45_generation_request_metadata_resolution import (
    Seedream45GenerationRequestMetadataResolution,
)
from .seedream_50_generation_request import Seedream50GenerationRequest
from .seedream_50_generation_request_metadata import Seedream50GenerationRequestMetadata
from .seedream_50_generation_request_metadata_resolution import (
    Seedream50GenerationRequestMetadataResolution,
)
from .seedream_50_pro_generation_request import Seedream50ProGenerationRequest
from .seedream_50_pro_generation_request_metadata import (
    Seedream50ProGenerationRequestMetadata,
)
from .seedream_50_pro_generation_request_metadata_resolution import (
    Seedream50ProGenerationRequestMetadataResolution,
)
from .seedream_50_pro_generation_request_metadata_sequential_image_generation_options import (
    Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions,
)
from .seedream_50_pro_generation_request_size import Seedream50ProGenerationRequestSize
from .seedream_optimize_prompt_options_type_0 import SeedreamOptimizePromptOptionsType0
from .seedream_optimize_prompt_options_type_0_mode import (
    SeedreamOptimizePromptOptionsType0Mode,
)
from .seedream_optimize_prompt_options_type_1 import SeedreamOptimizePromptOptionsType1
from .seedream_sequential_mode import SeedreamSequentialMode
from .seedream_sequential_options_15 import SeedreamSequentialOptions15
from .seedream_size import SeedreamSize
from .task import Task
from .task_error import TaskError
from .task_metadata import TaskMetadata
from .task_result import TaskResult
from .task_status import TaskStatus
from .upload_error_response import UploadErrorResponse
from .uploaded_image import UploadedImage
from .uploaded_image_mime_type import UploadedImageMimeType
from .vidu_image_generation_request import ViduImageGenerationRequest
from .vidu_image_generation_request_metadata import ViduImageGenerationRequestMetadata
from .vidu_image_generation_request_metadata_resolution import (
    ViduImageGenerationRequestMetadataResolution,
)
from .vidu_image_generation_request_model import ViduImageGenerationRequestModel
from .vidu_q2_fast_generation_request import ViduQ2FastGenerationRequest
from .vidu_q2_fast_generation_request_metadata import (
    ViduQ2FastGenerationRequestMetadata,
)
from .vidu_q2_fast_generation_request_metadata_resolution import (
    ViduQ2FastGenerationRequestMetadataResolution,
)
from .vidu_size import ViduSize
from .webhook_event import WebhookEvent
from .webhook_event_type import WebhookEventType
from .webhook_task_data import WebhookTaskData
from .webhook_task_data_status import WebhookTaskDataStatus
from .webhook_task_error import WebhookTaskError

__all__ = (
    "ErrorDetail",
    "ErrorResponse",
    "FixedN",
    "Flux2GenerationRequest",
    "Flux2GenerationRequestMetadata",
    "Flux2GenerationRequestMetadataResolution",
    "Flux2GenerationRequestModel",
    "Flux2GenerationRequestSize",
    "FluxKontextGenerationRequest",
    "FluxKontextGenerationRequestMetadata",
    "FluxKontextGenerationRequestMetadataResponseFormat",
    "FluxKontextGenerationRequestModel",
    "FluxKontextGenerationRequestSize",
    "Gemini25FlashImageGenerationRequest",
    "Gemini25FlashImageGenerationRequestMetadata",
    "Gemini25FlashImageGenerationRequestMetadataOrientation",
    "Gemini25FlashImageGenerationRequestMetadataResolution",
    "Gemini25FlashImageGenerationRequestModel",
    "Gemini25FlashImageGenerationRequestSize",
    "Gemini25FlashImageOfficialGenerationRequest",
    "Gemini25FlashImageOfficialGenerationRequestMetadata",
    "Gemini25FlashImageOfficialGenerationRequestModel",
    "Gemini31FlashImageGenerationRequest",
    "Gemini31FlashImageGenerationRequestMetadata",
    "Gemini31FlashImageGenerationRequestMetadataResolution",
    "Gemini31FlashImageGenerationRequestN",
    "Gemini31FlashImageGenerationRequestSize",
    "Gemini31FlashImageOfficialGenerationRequest",
    "Gemini31FlashImageOfficialGenerationRequestModel",
    "Gemini31FlashImageOfficialGenerationRequestSize",
    "Gemini3ProImageGenerationRequest",
    "Gemini3ProImageGenerationRequestMetadata",
    "Gemini3ProImageGenerationRequestMetadataOrientation",
    "Gemini3ProImageGenerationRequestMetadataResolution",
    "Gemini3ProImageGenerationRequestModel",
    "Gemini3ProImageGenerationRequestSize",
    "Gemini3ProImageOfficialGenerationRequest",
    "Gemini3ProImageOfficialGenerationRequestModel",
    "GeminiImageOutputOptions",
    "GeminiImageOutputOptionsMimeType",
    "GeminiOfficialMetadata",
    "GeminiOfficialMetadataResolution",
    "GeminiOfficialMetadataThinkingConfig",
    "GeminiOfficialMetadataThinkingConfigThinkingLevel",
    "GeminiOfficialSize",
    "GeminiPersonGeneration",
    "GeminiSafetySettingsItem",
    "GeminiSafetySettingsItemCategory",
    "GeminiSafetySettingsItemThreshold",
    "Gpt4OImageGenerationRequest",
    "Gpt4OImageGenerationRequestN",
    "Gpt4OImageSize",
    "GptImage2GenerationRequest",
    "GptImage2GenerationRequestQuality",
    "GptImage2N",
    "GptImage2OfficialGenerationRequest",
    "GptImage2OfficialGenerationRequestQuality",
    "GptImage2OfficialGenerationRequestResolution",
    "GptImage2OfficialGenerationRequestSize",
    "GptImage2Quality",
    "GptImage2Resolution",
    "GptImage2ResponseFormat",
    "GptImage2Size",
    "GptImage2VipGenerationRequest",
    "GptImageOutputFormat",
    "GrokImageGenerationRequest",
    "GrokImageGenerationRequestModel",
    "GrokImageGenerationRequestN",
    "GrokImagine10EditRequest",
    "GrokImagine10GenerationRequest",
    "GrokSize",
    "ImageUploadRequest",
    "ImageUploadResponse",
    "ReferenceImageObject",
    "ResultImage",
    "Seedream40GenerationRequest",
    "Seedream40GenerationRequestMetadata",
    "Seedream40GenerationRequestMetadataResolution",
    "Seedream40GenerationRequestSize",
    "Seedream45GenerationRequest",
    "Seedream45GenerationRequestMetadata",
    "Seedream45GenerationRequestMetadataResolution",
    "Seedream50GenerationRequest",
    "Seedream50GenerationRequestMetadata",
    "Seedream50GenerationRequestMetadataResolution",
    "Seedream50ProGenerationRequest",
    "Seedream50ProGenerationRequestMetadata",
    "Seedream50ProGenerationRequestMetadataResolution",
    "Seedream50ProGenerationRequestMetadataSequentialImageGenerationOptions",
    "Seedream50ProGenerationRequestSize",
    "SeedreamOptimizePromptOptionsType0",
    "SeedreamOptimizePromptOptionsType0Mode",
    "SeedreamOptimizePromptOptionsType1",
    "SeedreamSequentialMode",
    "SeedreamSequentialOptions15",
    "SeedreamSize",
    "Task",
    "TaskError",
    "TaskMetadata",
    "TaskResult",
    "TaskStatus",
    "UploadedImage",
    "UploadedImageMimeType",
    "UploadErrorResponse",
    "ViduImageGenerationRequest",
    "ViduImageGenerationRequestMetadata",
    "ViduImageGenerationRequestMetadataResolution",
    "ViduImageGenerationRequestModel",
    "ViduQ2FastGenerationRequest",
    "ViduQ2FastGenerationRequestMetadata",
    "ViduQ2FastGenerationRequestMetadataResolution",
    "ViduSize",
    "WebhookEvent",
    "WebhookEventType",
    "WebhookTaskData",
    "WebhookTaskDataStatus",
    "WebhookTaskError",
)

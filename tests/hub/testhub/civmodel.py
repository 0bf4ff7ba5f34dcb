"""Civitai catalog objects and their JSON renderings (hub-api.md B1, B3),
shaped after samples/civitai-model-version-1318.json."""
import hashlib
from urllib.parse import quote

MODEL_TYPES = ["Checkpoint", "TextualInversion", "Hypernetwork", "AestheticGradient",
               "LORA", "LoCon", "DoRA", "Controlnet", "Upscaler", "MotionModule", "VAE",
               "TextEncoder", "UNet", "CLIPVision", "Poses", "Wildcards", "Workflows",
               "ComfyWorkflows", "Detection", "VisionLanguage", "CLIP", "LLM", "Other"]
FILE_TYPES = ["Model", "Text Encoder", "Pruned Model", "Negative", "Training Data", "VAE",
              "Config", "Archive", "Workflow", "Vision Encoder", "UNet",
              "Diffusion Model", "CLIPVision", "ControlNet"]
BASE_MODELS = ["SD 1.5", "SDXL 1.0", "Pony", "Illustrious", "Flux.1 D", "Flux.1 S",
               "SD 3.5", "Other"]
BASE_MODEL_TYPES = ["Standard", "Inpainting", "Refiner", "Pix2Pix"]
SORTS = ["Highest Rated", "Most Downloaded", "Most Liked", "Most Discussed",
         "Most Collected", "Most Images", "Newest", "Oldest"]


class CivFile:
    def __init__(self, fid, blob, *, ftype="Model", fmt="SafeTensor", fp="fp16",
                 size="pruned", primary=True):
        self.id = fid
        self.blob = blob
        self.name = blob.name
        self.type = ftype
        self.format = fmt
        self.fp = fp
        self.size = size
        self.primary = primary

    def hashes(self):
        sha = self.blob.sha256.upper()
        # A1111 hashes: AutoV1 = sha256 of the 64 KiB at offset 1 MiB (first 8
        # hex), AutoV2 = first 10 hex of SHA256; CRC32 as 8 hex.  BLAKE3 and
        # AutoV3 are omitted (the API returns "any subset"; no stdlib BLAKE3).
        window = b"".join(self.blob.iter_range(min(0x100000, self.blob.size),
                                               min(0x110000, self.blob.size)))
        return {"AutoV1": hashlib.sha256(window).hexdigest()[:8].upper(), "AutoV2": sha[:10],
                "SHA256": sha, "CRC32": "%08X" % self.blob.crc32}


class CivImage:
    def __init__(self, iid, name, width, height, nsfw_level=1):
        self.id = iid
        self.name = name
        self.width = width
        self.height = height
        self.nsfw_level = nsfw_level


class CivVersion:
    def __init__(self, vid, model, name, *, base_model, trained_words, created,
                 files, images, description=None, downloads=0, availability="Public",
                 early_access_deadline=None, require_login=False, downloads_disabled=False):
        self.id = vid
        self.model = model
        self.name = name
        self.base_model = base_model
        self.trained_words = list(trained_words)
        self.created = created
        self.files = files
        self.images = images
        self.description = description
        self.downloads = downloads
        self.availability = availability
        self.early_access_deadline = early_access_deadline
        self.require_login = require_login
        self.downloads_disabled = downloads_disabled

    def primary_file(self):
        for f in self.files:
            if f.primary:
                return f
        return self.files[0] if self.files else None


class CivModel:
    def __init__(self, mid, name, mtype, *, creator, tags, created, description="",
                 nsfw=False, mode=None, downloads=0, likes=0, rating=4.8, comments=0):
        self.id = mid
        self.name = name
        self.type = mtype
        self.creator = creator
        self.tags = list(tags)
        self.created = created
        self.description = description
        self.nsfw = nsfw
        self.mode = mode  # None or "Archived"
        self.downloads = downloads
        self.likes = likes
        self.rating = rating
        self.comments = comments
        self.versions = []  # newest first, as clients treat [0] as latest


class Urls:
    """Absolute URL builders for the two origins a Civitai object points at."""

    def __init__(self, civitai_base, storage_base):
        self.civitai = civitai_base
        self.storage = storage_base

    def download(self, version, f=None):
        url = f"{self.civitai}/api/download/models/{version.id}"
        if f is not None and not f.primary:
            url += f"?type={quote(f.type)}&format={quote(f.format)}"
            # Several model files of one format (fp16 and fp8) differ by size and precision,
            # which Civitai's download URLs spell out too.
            if f.size:
                url += f"&size={quote(f.size)}"
            if f.fp:
                url += f"&fp={quote(f.fp)}"
        return url

    def image(self, img):
        return f"{self.storage}/images/{img.name}-{img.width}x{img.height}.png"


def blurhash_like(seed: str) -> str:
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz#$%*+,-.:;=?@[]^_{|}~"
    digest = hashlib.sha256(seed.encode()).digest()
    return "U" + "".join(alphabet[b % len(alphabet)] for b in digest[:35])


def file_json(urls, version, f, *, explicit_primary):
    out = {
        "id": f.id, "name": f.name, "sizeKB": f.blob.size / 1024.0, "type": f.type,
        "metadata": {"fp": f.fp, "size": f.size, "format": f.format},
        "pickleScanResult": "Success", "pickleScanMessage": "No Pickle imports",
        "virusScanResult": "Success", "virusScanMessage": None,
        "scannedAt": version.created, "hashes": f.hashes(),
        "downloadUrl": urls.download(version, f),
    }
    if explicit_primary:
        out["primary"] = bool(f.primary)
    elif f.primary:
        out["primary"] = True
    return out


def image_json(urls, img):
    return {"id": img.id, "url": urls.image(img), "nsfw": img.nsfw_level > 1,
            "nsfwLevel": img.nsfw_level, "width": img.width, "height": img.height,
            "hash": blurhash_like(img.name), "type": "image", "meta": None}


def version_json(urls, v, *, standalone):
    """Version object; `standalone` = the /model-versions/{id} shape (adds
    modelId, model{}, status, explicit primary flags)."""
    m = v.model
    archived = m.mode == "Archived"
    out = {
        "id": v.id, "modelId": m.id, "name": v.name, "createdAt": v.created,
        "updatedAt": v.created, "publishedAt": v.created, "trainedWords": v.trained_words,
        "trainingStatus": None, "trainingDetails": None,
        "baseModel": v.base_model, "baseModelType": "Standard",
        "earlyAccessTimeFrame": 0 if v.availability == "Public" else 7,
        "earlyAccessDeadline": v.early_access_deadline,
        "description": v.description, "uploadType": "Created", "usageControl": "Download",
        "air": f"urn:air:{v.base_model.lower().replace(' ', '')}:{m.type.lower()}:civitai:{m.id}@{v.id}",
        "availability": v.availability, "nsfwLevel": 1,
        "stats": {"downloadCount": v.downloads, "ratingCount": v.downloads // 50,
                  "rating": m.rating, "thumbsUpCount": v.downloads // 20,
                  "thumbsDownCount": 0},
        "supportsGeneration": False,
        "files": [] if archived else [file_json(urls, v, f, explicit_primary=standalone)
                                      for f in v.files],
        "images": [image_json(urls, i) for i in v.images[:10]],
    }
    if not archived:
        out["downloadUrl"] = urls.download(v)
    if standalone:
        out["status"] = "Published"
        out["model"] = {"name": m.name, "type": m.type, "nsfw": m.nsfw, "poi": False}
        if m.mode:
            out["model"]["mode"] = m.mode
    return out


def model_json(urls, m, versions=None):
    out = {
        "id": m.id, "name": m.name, "description": m.description, "type": m.type,
        "poi": False, "nsfw": m.nsfw, "nsfwLevel": 4 if m.nsfw else 1,
        "allowNoCredit": True, "allowCommercialUse": ["Image", "Rent", "Sell"],
        "allowDerivatives": True, "allowDifferentLicense": True,
        "stats": {"downloadCount": m.downloads, "favoriteCount": m.likes // 2,
                  "thumbsUpCount": m.likes, "thumbsDownCount": 0,
                  "commentCount": m.comments, "ratingCount": m.likes // 3,
                  "rating": m.rating, "tippedAmountCount": 0},
        "creator": {"username": m.creator,
                    "image": f"{urls.storage}/images/avatar-{m.creator}-64x64.png"},
        "tags": m.tags, "supportsGeneration": False,
        "modelVersions": [version_json(urls, v, standalone=False)
                          for v in (m.versions if versions is None else versions)],
    }
    if m.mode:
        out["mode"] = m.mode
    return out

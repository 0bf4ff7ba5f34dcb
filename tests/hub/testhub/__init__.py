"""ModelDock local test hub: fake Hugging Face + Civitai + storage origins."""

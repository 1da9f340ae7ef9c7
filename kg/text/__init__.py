"""Text layer: reading files, detecting language, normalising and splitting Persian and Arabic text."""

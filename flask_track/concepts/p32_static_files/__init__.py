"""p32 static-files: a shipped folder served with validators, ranges and no way out of it."""

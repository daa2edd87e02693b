"""p31 file-upload: multipart uploads, sniffed types, a size cap, generated names on disk."""

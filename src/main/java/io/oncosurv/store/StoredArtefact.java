package io.oncosurv.store;

/** A report artefact as stored: name, media type, SHA-256 and size; bytes when asked for. */
public record StoredArtefact(String name, String mediaType, String sha256, int size,
        byte[] content) {

    public StoredArtefact {
        content = content == null ? null : content.clone();
    }

    @Override
    public byte[] content() {
        return content == null ? null : content.clone();
    }
}

package io.oncosurv.report;

/** One file of a report: its name (no directories), media type and bytes, with its SHA-256. */
public record Artefact(String name, String mediaType, byte[] bytes) {

    public Artefact {
        if (!name.matches("[a-z0-9][a-z0-9._-]{0,120}")) {
            throw new IllegalArgumentException("not an artefact name: " + name);
        }
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String sha256() {
        return Hashes.sha256Hex(bytes);
    }
}

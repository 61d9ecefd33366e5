package io.oncosurv.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * The bytes of uploaded cohorts as files named by their SHA-256, in one directory
 * ({@code <data dir>/cohorts}): identical uploads share one file. A file is written under a
 * temporary name beside its place, forced to the disk, renamed into place (atomically) and the
 * directory forced too, all before the row that refers to it commits: an acknowledged upload's
 * bytes survive a crash, and a crash before the commit leaves at most a file no row refers to,
 * which {@link CohortStore} removes at the next start.
 */
final class CohortFiles {

    /** A file's name: its content's SHA-256 in lower-case hex. */
    static final Pattern NAME = Pattern.compile("[0-9a-f]{64}");

    /** A file being written, under a random name ending ".tmp". */
    static final Pattern TEMPORARY = Pattern.compile(".*\\.tmp");

    /** The files this process is writing: never removed as left by a crash. */
    private static final java.util.Set<Path> WRITING =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Written in slices: one heap buffer of 72 MB would become as large a direct one. */
    private static final int SLICE = 1 << 20;

    /**
     * Held, for one SHA-256, from writing its file until the row referring to it commits, and
     * from deleting a row until its file is gone if no row refers to it any more: a file is never
     * removed under an upload about to refer to it. Shared by the stores of one process (tests
     * open several on one database).
     */
    private static final ReentrantLock[] LOCKS = new ReentrantLock[64];

    static {
        for (int i = 0; i < LOCKS.length; i++) {
            LOCKS[i] = new ReentrantLock();
        }
    }

    private final Path dir;

    CohortFiles(Path dir) {
        this.dir = dir;
    }

    static ReentrantLock lock(String sha256) {
        return LOCKS[Math.floorMod(sha256.hashCode(), LOCKS.length)];
    }

    Path dir() {
        return dir;
    }

    Path file(String sha256) {
        return dir.resolve(sha256);
    }

    /** Creates the directory (and forces its parent, so the directory survives a crash). */
    void create() throws IOException {
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            force(dir.getParent());
        }
    }

    /**
     * Makes the file for {@code sha256} hold {@code content}, durably, unless it does already
     * (then it is shared). A file there that does not (damaged) is replaced. The caller holds
     * {@link #lock}.
     */
    void write(String sha256, byte[] content) throws IOException {
        Path target = file(sha256);
        if (sizeIs(target, content.length) && holds(target, sha256)) {
            return;
        }
        place(writeTemporary(content), sha256);
    }

    /**
     * Writes {@code content} to a new temporary file and forces it to the disk (before its
     * SHA-256 is known: the two run at once); {@link #place} or {@link #discard} it after.
     */
    Path writeTemporary(byte[] content) throws IOException {
        Path temporary = dir.resolve("upload." + java.util.UUID.randomUUID() + ".tmp");
        WRITING.add(temporary); // before it exists: a sweep at start never meets it unmarked
        try {
            try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                for (int at = 0; at < content.length; at += SLICE) {
                    ByteBuffer slice = ByteBuffer.wrap(content, at,
                            Math.min(SLICE, content.length - at));
                    while (slice.hasRemaining()) {
                        out.write(slice);
                    }
                }
                out.force(true);
            }
            return temporary;
        } catch (IOException | RuntimeException e) {
            discard(temporary);
            throw e;
        }
    }

    /**
     * Renames a temporary file (forced to the disk) to the name {@code sha256}, atomically, and
     * forces the directory. A file of that name is replaced: it holds the same bytes, or it was
     * damaged (reading it back to tell would cost more than the rename). The caller holds
     * {@link #lock}.
     */
    void place(Path temporary, String sha256) throws IOException {
        try {
            Files.move(temporary, file(sha256), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            discard(temporary);
            throw e;
        } finally {
            WRITING.remove(temporary);
        }
        force(dir);
    }

    /** Removes a temporary file not placed (its upload refused); no error if it is gone. */
    void discard(Path temporary) throws IOException {
        try {
            Files.deleteIfExists(temporary);
        } finally {
            WRITING.remove(temporary);
        }
    }

    /** The file's bytes; null when there is no such file. */
    byte[] read(String sha256) throws IOException {
        try {
            return Files.readAllBytes(file(sha256));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Removes the file for {@code sha256}, durably; the caller holds {@link #lock}. */
    void delete(String sha256) throws IOException {
        if (Files.deleteIfExists(file(sha256))) {
            force(dir);
        }
    }

    /** The names in the directory, files being written included. */
    List<String> names() throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                names.add(p.getFileName().toString());
            }
        }
        return names;
    }

    /**
     * Removes a temporary file left by a crash; false when this process is writing it.
     */
    boolean deleteLeftOver(String name) throws IOException {
        Path file = dir.resolve(name);
        return !WRITING.contains(file) && Files.deleteIfExists(file);
    }

    private static boolean holds(Path file, String sha256) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return false;
        }
        return CohortStore.sha256(bytes).equals(sha256);
    }

    /** Forces a directory's entries (a new, renamed or removed name) to the disk. */
    private static void force(Path directory) throws IOException {
        try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
            d.force(true);
        }
    }

    /** A cheap test before reading a file back whole. */
    private static boolean sizeIs(Path file, long size) throws IOException {
        try {
            return Files.size(file) == size;
        } catch (NoSuchFileException e) {
            return false;
        }
    }
}

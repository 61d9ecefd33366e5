package io.oncosurv.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import org.h2.store.fs.FileBase;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * An H2 file system ({@code jdbc:h2:fulldisk:...}) on the real disk whose files cannot grow
 * past {@link #limit}: a write beyond it fails as a write to a full disk does (ENOSPC), writing
 * nothing. In process, so a test sees every thread H2 holds. Public, with the public constructor
 * H2 makes its paths with.
 */
public final class FullDisk extends FilePathWrapper {

    static final String SCHEME = "fulldisk";

    private static volatile long limit = Long.MAX_VALUE;

    /** Registers the file system (once per JVM) with room for anything. */
    static synchronized void install() {
        FilePath.register(new FullDisk());
        limit = Long.MAX_VALUE;
    }

    /** No file may grow past this many bytes from now on. */
    static void limit(long bytes) {
        limit = bytes;
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends FileBase {

        private final FileChannel file;

        Channel(FileChannel file) {
            this.file = file;
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            refuseBeyondLimit(position, src.remaining());
            return file.write(src, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            refuseBeyondLimit(file.position(), src.remaining());
            return file.write(src);
        }

        private static void refuseBeyondLimit(long position, int length) throws IOException {
            if (position + length > limit) {
                throw new IOException("No space left on device");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            file.force(metaData);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }
}

package dev.facerec.core.job;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a ZIP file's central directory as it is written, including what {@link java.util.zip.ZipFile} hides: the
 * external attributes (where a Unix symbolic link shows) and the encryption flag. Sizes are as declared; a reader of
 * an entry must still cap what it inflates.
 */
final class ZipDirectory {
    private static final int END_SIGNATURE = 0x06054b50;
    private static final int ENTRY_SIGNATURE = 0x02014b50;
    private static final int END_LENGTH = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final long ZIP64_MARKER = 0xFFFFFFFFL;

    /** One central directory record. */
    record Entry(
            String name,
            int madeBy,
            int flags,
            int method,
            long compressedSize,
            long size,
            long externalAttributes,
            boolean zip64) {
        private static final int UNIX_HOST = 3;
        private static final int FILE_TYPE_MASK = 0170000;
        private static final int SYMBOLIC_LINK = 0120000;

        boolean isDirectory() {
            return name.endsWith("/");
        }

        boolean isEncrypted() {
            return (flags & 1) != 0;
        }

        boolean isSymbolicLink() {
            int mode = (int) (externalAttributes >>> 16);
            return (madeBy >>> 8) == UNIX_HOST && (mode & FILE_TYPE_MASK) == SYMBOLIC_LINK;
        }
    }

    private ZipDirectory() {}

    /** The entries, or empty when the file has no end-of-central-directory record (it is no ZIP archive). */
    static Optional<List<Entry>> read(Path file, int maxEntries) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long length = channel.size();
            if (length < END_LENGTH) {
                return Optional.empty();
            }
            int tailLength = (int) Math.min(length, END_LENGTH + MAX_COMMENT);
            ByteBuffer tail = readAt(channel, length - tailLength, tailLength);
            int end = -1;
            for (int at = tailLength - END_LENGTH; at >= 0; at--) {
                if (tail.getInt(at) == END_SIGNATURE) {
                    end = at;
                    break;
                }
            }
            if (end < 0) {
                return Optional.empty();
            }
            int count = Short.toUnsignedInt(tail.getShort(end + 10));
            long directorySize = Integer.toUnsignedLong(tail.getInt(end + 12));
            long directoryOffset = Integer.toUnsignedLong(tail.getInt(end + 16));
            if (count > maxEntries) {
                throw new TooManyEntries(count);
            }
            if (directoryOffset + directorySize > length || directorySize > Integer.MAX_VALUE) {
                throw new IOException("the central directory lies outside the file");
            }
            return Optional.of(entries(readAt(channel, directoryOffset, (int) directorySize), count));
        }
    }

    private static List<Entry> entries(ByteBuffer directory, int count) throws IOException {
        List<Entry> entries = new ArrayList<>(count);
        int at = 0;
        for (int i = 0; i < count; i++) {
            if (at + 46 > directory.limit() || directory.getInt(at) != ENTRY_SIGNATURE) {
                throw new IOException("the central directory is damaged");
            }
            int nameLength = Short.toUnsignedInt(directory.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(directory.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(directory.getShort(at + 32));
            if (at + 46 + nameLength > directory.limit()) {
                throw new IOException("the central directory is damaged");
            }
            byte[] name = new byte[nameLength];
            directory.get(at + 46, name);
            long compressed = Integer.toUnsignedLong(directory.getInt(at + 20));
            long size = Integer.toUnsignedLong(directory.getInt(at + 24));
            entries.add(new Entry(
                    new String(name, StandardCharsets.UTF_8),
                    Short.toUnsignedInt(directory.getShort(at + 4)),
                    Short.toUnsignedInt(directory.getShort(at + 8)),
                    Short.toUnsignedInt(directory.getShort(at + 10)),
                    compressed,
                    size,
                    Integer.toUnsignedLong(directory.getInt(at + 38)),
                    compressed == ZIP64_MARKER || size == ZIP64_MARKER));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return entries;
    }

    private static ByteBuffer readAt(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("the archive ends early");
            }
        }
        return buffer.flip();
    }

    /** More entries than the limit: thrown before the directory is read. */
    static final class TooManyEntries extends IOException {
        private static final long serialVersionUID = 1L;
        final int count;

        TooManyEntries(int count) {
            super("too many entries");
            this.count = count;
        }
    }
}

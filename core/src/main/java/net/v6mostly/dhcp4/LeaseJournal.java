package net.v6mostly.dhcp4;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * Durable lease state: a snapshot file plus an append-only journal of {@link LeaseChange}s, one
 * record per change, each written and forced to the device ({@link FileChannel#force}) before the
 * caller sends the DHCPACK that announces it (RFC 2131 §4.3.2 gives the client the lease only
 * once it hears the ACK, so the server must not forget it after that). {@link #compact} writes the
 * live state to a new snapshot, renames it into place atomically and empties the journal.
 *
 * <p>Record: magic {@code 0xD4}, kind (1), address (4), until (8, epoch seconds), key length (2),
 * key (UTF-8), CRC-32C (4) over everything before it. On start the snapshot, then the journal,
 * are replayed; a torn or corrupt record ends the replay of that file with a warning (and the
 * journal is cut back to its last good record), it never stops the server from starting.
 */
public final class LeaseJournal implements Closeable {
    public static final String JOURNAL = "leases.journal";
    public static final String SNAPSHOT = "leases.snapshot";
    private static final int MAGIC = 0xD4;
    private static final int HEADER = 1 + 1 + 4 + 8 + 2;
    private static final int MAX_KEY = LeaseChange.MAX_CLIENT_BYTES;

    private final Path directory;
    private final FileChannel journal;
    private long appended;
    private long snapshotSize;

    private final boolean forceEachAppend;

    private LeaseJournal(Path directory, FileChannel journal, boolean forceEachAppend) {
        this.directory = directory;
        this.journal = journal;
        this.forceEachAppend = forceEachAppend;
    }

    /**
     * Opens (creating) the store in {@code directory}, feeding every stored change to {@code replay}
     * in order and every problem found to {@code warn}.
     */
    public static LeaseJournal open(Path directory, Consumer<LeaseChange> replay, Consumer<String> warn)
            throws IOException {
        return open(directory, replay, warn, true);
    }

    /**
     * As {@link #open(Path, Consumer, Consumer)}; with {@code forceEachAppend} false, appends are
     * written but not forced: the kernel writes them back when it will, so a power cut (not a
     * crash of the process) can lose the last seconds of leases, as with Kea's memfile back end,
     * which never calls fsync. Compaction still forces the snapshot before it replaces anything.
     */
    public static LeaseJournal open(Path directory, Consumer<LeaseChange> replay, Consumer<String> warn,
            boolean forceEachAppend) throws IOException {
        Files.createDirectories(directory);
        Files.deleteIfExists(directory.resolve(SNAPSHOT + ".tmp"));
        readFile(directory.resolve(SNAPSHOT), replay, warn);
        Path j = directory.resolve(JOURNAL);
        long good = readFile(j, replay, warn);
        FileChannel ch = FileChannel.open(j, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        if (ch.size() > good) {
            ch.truncate(good);
            ch.force(true);
        }
        ch.position(good);
        return new LeaseJournal(directory, ch, forceEachAppend);
    }

    /**
     * Appends {@code changes} and, unless opened without it, forces them to the device: then it
     * returns when they are durable.
     */
    public void append(List<LeaseChange> changes) throws IOException {
        if (changes.isEmpty()) {
            return;
        }
        ByteBuffer all = encode(changes);
        while (all.hasRemaining()) {
            journal.write(all);
        }
        if (forceEachAppend) {
            journal.force(false);
        }
        appended += changes.size();
    }

    /** Records appended since open or the last compaction. */
    public long appended() {
        return appended;
    }

    /** Replaces snapshot and journal by {@code state}: write, force, atomic rename, then empty the journal. */
    public void compact(List<LeaseChange> state) throws IOException {
        Path tmp = directory.resolve(SNAPSHOT + ".tmp");
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer all = encode(state);
            while (all.hasRemaining()) {
                ch.write(all);
            }
            ch.force(true);
        }
        Files.move(tmp, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException e) {
            // some file systems cannot sync a directory; the rename is still atomic
        }
        journal.truncate(0);
        journal.position(0);
        journal.force(true);
        appended = 0;
        snapshotSize = state.size();
    }

    /** Records in the snapshot the last compaction wrote (0 before the first). */
    public long snapshotSize() {
        return snapshotSize;
    }

    @Override
    public void close() throws IOException {
        journal.close();
    }

    static ByteBuffer encode(List<LeaseChange> changes) {
        int size = 0;
        for (LeaseChange c : changes) {
            size += HEADER + c.client().getBytes(StandardCharsets.UTF_8).length + 4;
        }
        ByteBuffer b = ByteBuffer.allocate(size);
        CRC32C crc = new CRC32C();
        for (LeaseChange c : changes) {
            byte[] key = c.client().getBytes(StandardCharsets.UTF_8);   // at most MAX_KEY: LeaseChange checks
            int start = b.position();
            b.put((byte) MAGIC).put((byte) c.kind().ordinal()).putInt(c.address()).putLong(c.until())
                    .putShort((short) key.length).put(key);
            crc.reset();
            crc.update(b.array(), start, b.position() - start);
            b.putInt((int) crc.getValue());
        }
        return b.flip();
    }

    /** Replays one file; returns the length of its good prefix. */
    private static long readFile(Path file, Consumer<LeaseChange> replay, Consumer<String> warn) throws IOException {
        byte[] d;
        try {
            d = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return 0;
        }
        return replay(d, file.getFileName().toString(), replay, warn);
    }

    /**
     * Replays the records of {@code d}, whatever it holds: each good record goes to {@code replay};
     * the first torn or corrupt one ends the replay with one warning. Returns the length of the
     * good prefix, which {@link #encode} of the replayed changes gives back byte for byte.
     */
    static int replay(byte[] d, String name, Consumer<LeaseChange> replay, Consumer<String> warn) {
        int at = 0;
        CRC32C crc = new CRC32C();
        LeaseChange.Kind[] kinds = LeaseChange.Kind.values();
        while (at < d.length) {
            String problem;
            int keyLength = d.length - at >= HEADER ? (d[at + HEADER - 2] & 0xFF) << 8 | d[at + HEADER - 1] & 0xFF : -1;
            if (keyLength < 0 || (long) at + HEADER + keyLength + 4 > d.length) {
                problem = "torn record (file ends inside it)";
            } else {
                crc.reset();
                crc.update(d, at, HEADER + keyLength);
                int kind = d[at + 1] & 0xFF;
                ByteBuffer b = ByteBuffer.wrap(d);
                String key = new String(d, at + HEADER, keyLength, StandardCharsets.ISO_8859_1);
                if ((d[at] & 0xFF) != MAGIC || kind >= kinds.length || keyLength > MAX_KEY
                        || (int) crc.getValue() != b.getInt(at + HEADER + keyLength)) {
                    problem = "corrupt record (bad magic, kind or CRC)";
                } else if (!LeaseChange.storable(key)) {
                    problem = "corrupt record (client key not printable ASCII)";
                } else {
                    replay.accept(new LeaseChange(kinds[kind], key, b.getInt(at + 2), b.getLong(at + 6)));
                    at += HEADER + keyLength + 4;
                    continue;
                }
            }
            warn.accept(name + ": " + problem + " at byte " + at + "; ignoring the last " + (d.length - at) + " bytes");
            return at;
        }
        return at;
    }
}
